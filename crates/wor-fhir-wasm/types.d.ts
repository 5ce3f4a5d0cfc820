// Generated from the Rust types by crates/wor-fhir-wasm/src/declarations.rs: do not edit.
/**
 * An explicitly stated support area with its severity (1 mild .. 3 severe).
 */
export type AreaNeed = { area: SupportArea, 
/**
 * 1-3; 2 when absent.
 */
severity?: number, };
/**
 * The route a referral took to the social domain.
 */
export type Channel = "zorgdomein" | "vip_live" | "po_sociaal" | "direct" | "other";
/**
 * Part of the day: morning before 12:00, afternoon 12:00-17:00, evening from 17:00.
 */
export type DayPart = "morning" | "afternoon" | "evening";
/**
 * Why a field is wrong.
 */
export type ErrorCode = "missing" | "empty" | "invalid_json" | "invalid_encoding" | "wrong_type" | "unknown_field" | "unknown_value" | "invalid_format" | "out_of_range" | "too_long" | "duplicate" | "inconsistent" | "not_covered" | "stale" | "suspicious" | "loosens";
/**
 * A problem with one field of one record.
 */
export type FieldError = { 
/**
 * Path of the field, e.g. `areas[1].severity`; empty when the record as a whole is at fault.
 */
field: string, code: ErrorCode, params: Record<string, unknown>, 
/**
 * The problem in English, without the field (the CLI prints `field: message`).
 */
message: string, };
export type Flag = "suicidal_ideation" | "psychosis_suspected" | "acute_danger" | "mental_disorder_suspected";
/**
 * 4DKL (Vierdimensionale Klachtenlijst) sum scores.
 */
export type FourDkl = { distress?: number, depression?: number, anxiety?: number, somatization?: number, };
/**
 * A received referral, and what the import noticed but did not refuse.
 */
export type ImportedReferral = { referral: Referral, warnings: Array<FieldError>, };
/**
 * A proleptic Gregorian date, written `YYYY-MM-DD`.
 */
export type IsoDate = string;
/**
 * Positive Health (Positieve Gezondheid) spider web, each dimension scored 0-10 by the resident.
 */
export type PositiveHealth = { lichaamsfuncties?: number, mentaal_welbevinden?: number, zingeving?: number, kwaliteit_van_leven?: number, meedoen?: number, dagelijks_functioneren?: number, };
/**
 * What the resident needs for an activity to be feasible. All optional.
 */
export type Preferences = { max_km?: number, max_eur_per_month?: number, days?: Array<Weekday>, times?: Array<DayPart>, languages?: Array<string>, group?: boolean, wheelchair?: boolean, 
/**
 * Only the stated days and parts of day ("alleen deze dagen"): entries with fixed slots at other
 * moments are left out instead of ranked lower.
 */
strict_days?: boolean, };
/**
 * One referral as the engine reads it (docs/referrals-and-csv.md): who the resident is, what the referrer
 * wrote and ticked, and what the resident wishes. Optional fields may be left out.
 */
export type Referral = { id: string, age: number, consent: boolean, municipality?: string, postcode?: string, areas?: Array<AreaNeed>, text?: string, screening?: Screening, flags?: Array<Flag>, preferences?: Preferences, referrer?: Referrer, positive_health?: PositiveHealth, 
/**
 * The day of the referral (historic cases also record it as `dates.referred`).
 */
date?: IsoDate, 
/**
 * The referring practice: AGB code or name (monitoring counts referrals per practice).
 */
practice?: string, 
/**
 * How the referral arrived (KPI x.5 counts ZorgDomein and VIP Live).
 */
channel?: Channel, 
/**
 * Audience ids the referrer knows the resident belongs to, beyond what the engine derives
 * ([`Referral::audiences`]). Text, checked by `validate` like the language codes: a typed list would
 * compile one more sequence deserializer into the size-budgeted wasm module.
 */
audience?: Array<string>, 
/**
 * Kinds of life event the referrer knows the resident went through ([`crate::life_event`]), beyond
 * those the note names. Text, checked by `validate` (as `audience`).
 */
life_events?: Array<string>, };
export type Referrer = "gp" | "poh" | "paramedic" | "pharmacist" | "hospital" | "home_care";
export type Screening = { "4dkl"?: FourDkl, };
/**
 * A support area. The snake_case id is a public contract: referrals, maps and outputs use it.
 */
export type SupportArea = "loneliness" | "low_mood_anxiety" | "sleep_worry" | "burnout" | "life_event" | "lifestyle" | "chronic_illness" | "carer_strain" | "low_literacy" | "health_literacy" | "debt_poverty" | "transport_housing_household" | "leisure_daytime" | "parenting" | "work_reintegration" | "home_support";
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
/**
 * Who calls the resident, by when, in both languages.
 */
export type WhoCalls = { who_nl: string, who_en: string, 
/**
 * The last day of the promise (`date` + `contact_within_days`).
 */
due: IsoDate, sentence_nl: string, sentence_en: string, 
/**
 * The role is named by this crate, not by the plan.
 */
assumption: boolean, };
