//! The scorer's weights: every factor the matcher uses, as data. [`Weights::DEFAULT`] holds the values
//! set by hand; a region can carry its own, learned from its outcomes by `wor tune` (see
//! [`crate::weights`] for the file). The form-of-provision tables stay constants: they encode what a
//! kind of help is for, not a population's taste.

/// The factors of the score `need_fit^need_fit x distance x schedule x cost^cost x paid x language x
/// literacy x form x indication x audience` and of the diversity re-rank.
///
/// Log-linear: the logarithm of the score is a sum of one term per fit factor of the plan, each a learned
/// number times a feature (`need_fit x ln(need share)`, `-km / scale` for the distance, `ln(factor)` when
/// an entry is paid, a group, one-to-one, not in the resident's language, ...). A learned value can
/// therefore be read on its own: a distance scale of 1.8 km instead of 3.5 says "strongly
/// distance-averse", `group_activity` 0.5 says "prefers one-to-one help", `paid` 0.5 "a paid activity
/// loses half of them". Soft factors are bounded to (0, 1] by
/// validation, so tuning can weaken or strengthen a preference but never turn it into, or away from, a
/// hard filter (those are not weights at all).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Exponent on the need fit (1: as is; higher: fit counts more against feasibility).
    pub need_fit: f64,
    /// Severity weight of an area found only in the free text.
    pub detected_severity: f64,
    /// Distance factor = floor + (1 - floor) * exp(-km / decay); residents seldom keep going to
    /// something far away, but a rare service may still be worth it.
    pub distance_floor: f64,
    /// Distance decay scale in km by age band; smaller for older residents. A stated `max_km` sets
    /// the scale to half of it instead.
    pub decay_km_under_65: f64,
    pub decay_km_65_74: f64,
    pub decay_km_75_plus: f64,
    /// Wheelchair users travel less far: the decay scale times this.
    pub wheelchair_decay: f64,
    /// "By appointment" fits any day, but below a fixed slot at a wished moment.
    pub by_appointment: f64,
    /// Schedule factor of fixed slots at no wished moment (half-way when the day or the part of day fits).
    pub schedule_floor: f64,
    /// Exponent on the cost factor (1 - 0.15 x cost/budget; without a budget 1 when free, else
    /// 0.8 - min(cost, 60)/300: free before paid).
    pub cost: f64,
    pub paid_with_money_worries: f64,
    pub language_mismatch: f64,
    pub no_dutch: f64,
    pub not_literacy_friendly: f64,
    /// A stated wish for a group or one-to-one help that the entry does not meet.
    pub group_mismatch: f64,
    /// A group activity for a resident who stated no wish for the form: below 1, the region's residents
    /// prefer one-to-one help (1 by default: no preference assumed).
    pub group_activity: f64,
    /// One-to-one help for a resident who stated no wish for the form: below 1, they prefer groups.
    pub one_to_one: f64,
    /// Any paid entry, on top of the cost curve: below 1, paying at all loses residents (1 by default).
    pub paid: f64,
    /// An entry meant for an audience the resident is not known to belong to (newcomers for a
    /// resident born here); `diversify` also places it after every entry that fits.
    pub audience_mismatch: f64,
    pub needs_indication: f64,
    pub collective_bonus: f64,
    /// MMR: penalty weight of similarity to an already chosen suggestion ...
    pub mmr_lambda: f64,
    /// ... and the bonus for covering a referral area not yet covered.
    pub coverage_bonus: f64,
}

/// One weight's name in files, how to read and write it, and its allowed range.
pub struct Field {
    pub name: &'static str,
    pub get: fn(&Weights) -> f64,
    pub set: fn(&mut Weights, f64),
    pub min: f64,
    pub max: f64,
}

macro_rules! fields {
    ($($name:ident: $min:expr, $max:expr;)*) => {
        /// Every weight, in file order.
        pub const FIELDS: &[Field] = &[$(Field {
            name: stringify!($name),
            get: |w| w.$name,
            set: |w, v| w.$name = v,
            min: $min,
            max: $max,
        },)*];
    };
}

fields! {
    need_fit: 0.25, 4.0;
    detected_severity: 1.0, 3.0;
    distance_floor: 0.0, 0.9;
    decay_km_under_65: 0.5, 50.0;
    decay_km_65_74: 0.5, 50.0;
    decay_km_75_plus: 0.5, 50.0;
    wheelchair_decay: 0.1, 1.0;
    by_appointment: 0.05, 1.0;
    schedule_floor: 0.05, 1.0;
    cost: 0.0, 8.0;
    paid_with_money_worries: 0.05, 1.0;
    language_mismatch: 0.05, 1.0;
    no_dutch: 0.05, 1.0;
    not_literacy_friendly: 0.05, 1.0;
    group_mismatch: 0.05, 1.0;
    group_activity: 0.05, 1.0;
    one_to_one: 0.05, 1.0;
    paid: 0.05, 1.0;
    audience_mismatch: 0.05, 1.0;
    needs_indication: 0.05, 1.0;
    collective_bonus: 1.0, 1.5;
    mmr_lambda: 0.0, 1.0;
    coverage_bonus: 0.0, 0.5;
}

impl Weights {
    /// The hand-set weights: the engine without a weights file.
    pub const DEFAULT: Weights = Weights {
        need_fit: 1.0,
        detected_severity: 2.0,
        distance_floor: 0.1,
        decay_km_under_65: 5.0,
        decay_km_65_74: 3.5,
        decay_km_75_plus: 2.5,
        wheelchair_decay: 0.7,
        by_appointment: 0.85,
        schedule_floor: 0.3,
        cost: 1.0,
        paid_with_money_worries: 0.75,
        language_mismatch: 0.6,
        no_dutch: 0.8,
        not_literacy_friendly: 0.75,
        group_mismatch: 0.6,
        group_activity: 1.0,
        one_to_one: 1.0,
        paid: 1.0,
        audience_mismatch: 0.3,
        needs_indication: 0.9,
        collective_bonus: 1.1,
        mmr_lambda: 0.3,
        coverage_bonus: 0.08,
    };

    /// The distance decay scale for a resident of `age` (see [`Weights::decay_km_under_65`]).
    pub fn decay_km(&self, age: i64, max_km: Option<f64>, wheelchair: bool) -> f64 {
        let base = match age {
            ..65 => self.decay_km_under_65,
            65..75 => self.decay_km_65_74,
            _ => self.decay_km_75_plus,
        };
        let decay = match max_km {
            Some(max) => max / 2.0,
            None => base,
        };
        if wheelchair {
            decay * self.wheelchair_decay
        } else {
            decay
        }
    }

    pub fn distance_factor(&self, km: f64, decay_km: f64) -> f64 {
        self.distance_floor + (1.0 - self.distance_floor) * (-km / decay_km).exp()
    }

    /// `x^e` for x in (0, 1], exact for the default exponent 1 (so the defaults score exactly as
    /// before). As exp(e ln x): the page's module already has `exp`, and `powf` would add its own code.
    pub fn power(x: f64, e: f64) -> f64 {
        if e == 1.0 {
            x
        } else if x <= 0.0 {
            0.0
        } else {
            (e * x.ln()).exp()
        }
    }
}

impl Default for Weights {
    fn default() -> Self {
        Weights::DEFAULT
    }
}

/// How much of an area's need a form of provision meets, for a group activity / one-to-one help,
/// each when the area is the entry's main one (its highest weight) or a side one:
/// `[group main, group side, one-to-one main, one-to-one side]`. Areas not listed: 1 throughout.
/// Loneliness is met by meeting people: groups, walk-in places and buddies (one-to-one help whose
/// main area is loneliness); an advice service that lists loneliness among others is not that.
pub const FORM_LONELINESS: [f64; 4] = [1.0, 1.0, 0.9, 0.45];
/// Debts are met by debt help; a cheap meal that lists money worries is not debt help.
pub const FORM_DEBT: [f64; 4] = [1.0, 0.5, 1.0, 0.7];
/// A known kind of life event (bereavement, separation, ...) is met fully by help for that kind (a
/// grief group); help for life events in general (social work) meets this share of it. Entries for
/// another kind are left out altogether (a hard filter, not a weight).
pub const GENERAL_LIFE_EVENT_HELP: f64 = 0.6;
/// Carer strain is met by respite and carer support (the entry's main area).
pub const FORM_CARER: [f64; 4] = [1.0, 0.7, 1.0, 0.7];
