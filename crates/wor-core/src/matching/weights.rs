//! Tunable constants of the scorer, kept together so their balance is visible.

/// Severity weight of an area found only in the free text.
pub const DETECTED_SEVERITY: f64 = 2.0;
/// Distance factor = FLOOR + (1 - FLOOR) * exp(-km / scale).
/// Residents seldom keep going to something far away, but a rare service may still be worth it.
pub const DISTANCE_FLOOR: f64 = 0.1;
/// Distance decay scale in km by age band; smaller for older residents.
pub const DECAY_KM_UNDER_65: f64 = 5.0;
pub const DECAY_KM_65_74: f64 = 3.5;
pub const DECAY_KM_75_PLUS: f64 = 2.5;
/// Wheelchair users travel less far.
pub const WHEELCHAIR_DECAY: f64 = 0.7;
/// "By appointment" fits any day, but below a fixed slot at a wished moment.
pub const BY_APPOINTMENT: f64 = 0.85;
/// Schedule factor of fixed slots at no wished moment (half-way when the day or the part of day fits).
pub const SCHEDULE_FLOOR: f64 = 0.3;
pub const PAID_WITH_MONEY_WORRIES: f64 = 0.75;
pub const LANGUAGE_MISMATCH: f64 = 0.6;
pub const NO_DUTCH: f64 = 0.8;
pub const NOT_LITERACY_FRIENDLY: f64 = 0.75;
/// A stated wish for a group or one-to-one help that the entry does not meet.
pub const GROUP_MISMATCH: f64 = 0.6;
/// An entry meant for an audience the resident is not known to belong to (newcomers for a
/// resident born here); `diversify` also places it after every entry that fits.
pub const AUDIENCE_MISMATCH: f64 = 0.3;
pub const NEEDS_INDICATION: f64 = 0.9;
pub const COLLECTIVE_BONUS: f64 = 1.1;
/// MMR: penalty weight of similarity to an already chosen suggestion ...
pub const MMR_LAMBDA: f64 = 0.3;
/// ... and the bonus for covering a referral area not yet covered.
pub const COVERAGE_BONUS: f64 = 0.08;
/// How much of an area's need a form of provision meets, for a group activity / one-to-one help,
/// each when the area is the entry's main one (its highest weight) or a side one:
/// `[group main, group side, one-to-one main, one-to-one side]`. Areas not listed: 1 throughout.
/// Loneliness is met by meeting people: groups, walk-in places and buddies (one-to-one help whose
/// main area is loneliness); an advice service that lists loneliness among others is not that.
pub const FORM_LONELINESS: [f64; 4] = [1.0, 1.0, 0.9, 0.45];
/// Debts are met by debt help; a cheap meal that lists money worries is not debt help.
pub const FORM_DEBT: [f64; 4] = [1.0, 0.5, 1.0, 0.7];
/// Carer strain is met by respite and carer support (the entry's main area).
pub const FORM_CARER: [f64; 4] = [1.0, 0.7, 1.0, 0.7];
