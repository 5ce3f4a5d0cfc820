// Generated from the Rust types by crates/wor-wasm/src/declarations.rs: do not edit.
/**
 * What kind of offer an entry is.
 */
export type ActivityKind = "activity" | "service" | "provision";
/**
 * A support area of the referral, explicit and/or detected in the note.
 */
export type AreaFinding = { area: SupportArea, 
/**
 * Severity 1-3 as stated by the referrer; detected-only areas have none.
 */
severity?: number, source: AreaSource, 
/**
 * Words in the note that triggered the detection.
 */
matched?: Array<string>, };
/**
 * An explicitly stated support area with its severity (1 mild .. 3 severe).
 */
export type AreaNeed = { area: SupportArea, 
/**
 * 1-3; 2 when absent.
 */
severity?: number, };
/**
 * Where an area came from. Read back by the FHIR module from the page's triage result.
 */
export type AreaSource = "explicit" | "detected" | "both";
/**
 * One keystroke's answer: the decision, and the suggestions or why there are none.
 */
export type Assessment = { decision: Triage, 
/**
 * Absent for a referral decided urgent despite its problems, and when matching failed.
 */
match?: MatchResult, 
/**
 * Why there are no suggestions for a valid referral (no map for the region, say).
 */
match_error?: FieldError, };
/**
 * Why a rule is what it is: serialised as the policy file writes it, `{"plan": "§4.1 ..."}` or
 * `{"assumption": "..."}`.
 */
export type Basis = { "plan": string } | { "assumption": string };
/**
 * A sentence in both languages (the decision's headline).
 */
export type Bilingual = { nl: string, en: string, };
/**
 * The route a referral took to the social domain.
 */
export type Channel = "zorgdomein" | "vip_live" | "po_sociaal" | "direct" | "other";
/**
 * One weekly slot as a suggestion's `schedule` lists it (declared for TypeScript; [`Schedule`] writes it).
 */
export type ClockSlot = { day: Weekday, 
/**
 * `HH:MM`.
 */
start: string, 
/**
 * `HH:MM`.
 */
end: string, };
export type Contact = { phone?: string, email?: string, website?: string, };
/**
 * Part of the day: morning before 12:00, afternoon 12:00-17:00, evening from 17:00.
 */
export type DayPart = "morning" | "afternoon" | "evening";
/**
 * A 4DKL scale: its id, its maximum sum score and from which score triage reads it as elevated
 * (absent for a scale no rule reads).
 */
export type DklScale = { id: string, max: number, elevated_from?: number, };
/**
 * The engine's version and the triage rules' version, as every output of the CLI carries them.
 */
export type EngineInfo = { engine_version: string, rules_version: number, };
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
/**
 * How many entries a filter left out.
 */
export type Filtered = { filter: string, entries: number, };
export type Flag = "suicidal_ideation" | "psychosis_suspected" | "acute_danger" | "mental_disorder_suspected";
/**
 * 4DKL (Vierdimensionale Klachtenlijst) sum scores.
 */
export type FourDkl = { distress?: number, depression?: number, anxiety?: number, somatization?: number, };
/**
 * A proleptic Gregorian date, written `YYYY-MM-DD`.
 */
export type IsoDate = string;
/**
 * One finding of the validator: a problem (`field`, `code`, `params`, `message`) with its level and entry.
 */
export type Issue = { level: Level, 
/**
 * The entry id, when the problem belongs to one entry.
 */
entry?: string, field: string, code: ErrorCode, params: Record<string, unknown>, message: string, };
/**
 * One value of a closed list with its Dutch and English label.
 */
export type Label = { id: string, nl: string, en: string, };
export type Level = "error" | "warning";
/**
 * A kind of life event; the snake_case id is a public contract.
 */
export type LifeEvent = "bereavement" | "separation" | "job_loss" | "moving_house" | "retirement" | "illness_of_someone_close" | "children_left_home" | "migration";
/**
 * A loaded map: its stamp, region name, whether it is a demo, its entries and validation warnings.
 */
export type MapInfo = { region: string, region_name: string, version: string, published: string, hash: string, demo: boolean, entries: number, warnings: number, };
/**
 * What every output is stamped with, so a suggestion can be traced to the exact map it came from.
 */
export type MapStamp = { region: string, version: string, published: string, 
/**
 * `sha256:` + hex digest of the map's canonical JSON (independent of whitespace and key order).
 */
hash: string, };
/**
 * The result for one referral; borrows from the referral and the map.
 */
export type MatchResult = { id: string, map: MapStamp, 
/**
 * The weights file the region's weights came from; absent with the default weights.
 */
weights?: WeightsStamp, route: Route, areas: Array<AreaFinding>, 
/**
 * The triage's cautions (risk asked about and denied, someone else's history, an earlier risk, a
 * postcode outside the municipality...): the social worker reads them beside the suggestions.
 */
warnings?: Array<Warning>, 
/**
 * The kinds of life event the resident went through, stated or read in the note; absent when
 * unknown. Entries for another kind are left out.
 */
life_events?: Array<LifeEvent>, 
/**
 * Where distances are measured from: the engine knows PC4 centroids and municipality centres, not
 * addresses.
 */
origin: Origin, suggestions: Array<Suggestion>, 
/**
 * Entries a strict wish left out (`{"filter": "strict_days", "entries": 4}`), if any.
 */
filtered?: Array<Filtered>, 
/**
 * Why there are fewer suggestions than asked, if so.
 */
notes?: Array<Why>, };
/**
 * A municipality of the three regions: CBS code, name and region id.
 */
export type MunicipalityInfo = { code: string, name: string, region: string, };
/**
 * The point distances are measured from, and how to say so.
 */
export type Origin = { 
/**
 * The PC4 area whose centroid is used; absent when only the municipality is known.
 */
pc4?: number, municipality: string, 
/**
 * "vanaf postcodegebied 1181" or "vanaf het centrum van Amstelveen".
 */
nl: string, en: string, };
/**
 * A concrete next step for the referrer, with why it fits.
 */
export type Pathway = { id: string, nl: string, en: string, 
/**
 * The step rests on an assumption of the policy (which practices have a PO-sociaal, from which
 * age ouderenadvies fits), not on the plan.
 */
assumption?: boolean, 
/**
 * What the step rests on, for steps whose text carries no caveat (the urgent advice: a GP in a
 * crisis reads the step; the basis is one click away).
 */
basis?: Basis, };
/**
 * The triage policy a call installed, and the region it is for (empty for the default).
 */
export type PolicyInfo = { id: string, version: string, region: string, };
/**
 * Which policy decided: `{"id": "default", "version": "2"}`.
 */
export type PolicyStamp = { id: string, version: string, };
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
 * A rule that fired, in both languages, with the note's words that triggered it.
 */
export type Reason = { rule: string, nl: string, en: string, matched?: Array<string>, 
/**
 * The reason rests on an assumption of the policy, not on the plan.
 */
assumption?: boolean, 
/**
 * What it rests on, given where the text carries no caveat (an urgent decision: see
 * [`mark_assumptions`]).
 */
basis?: Basis, };
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
export type Route = "wor" | "mgn" | "wor_and_mgn" | "urgent" | "medical" | "not_eligible" | "unclear";
export type Screening = { "4dkl"?: FourDkl, };
/**
 * How strongly the referral points to mental-health care. `Mild`: gloom or anxiety as a WoR area,
 * alongside therapy if needed; from `Moderate` on, the MGN is part of the route.
 */
export type Signal = "none" | "mild" | "moderate" | "strong";
/**
 * An area suggested by a low Positive Health score; shown, never added to the referral's areas.
 */
export type SuggestedArea = { area: SupportArea, dimension: string, score: number, };
/**
 * One suggested activity. Borrows the entry's texts from the map: a batch serialises them straight from
 * the index instead of copying ten suggestions' worth per referral.
 */
export type Suggestion = { activity_id: string, name: string, organisation: string, description: string, kind: ActivityKind, 
/**
 * A group activity (else one-to-one help).
 */
group: boolean, 
/**
 * The score the list is ordered by (non-increasing down the list): `relevance` after the diversity
 * re-rank (minus a penalty for resembling a suggestion above, plus a bonus for covering a referral
 * area not yet covered, minus 2 for an entry meant for another audience, minus 4 for an entry
 * against a stated form or day wish).
 */
score: number, 
/**
 * Need fit x feasibility x distance (x the collective bonus): how well the entry fits on its own.
 */
relevance: number, 
/**
 * The referral's areas this entry serves.
 */
areas: Array<SupportArea>, distance_km: number, schedule: Array<ClockSlot>, by_appointment: boolean, cost_eur_per_month: number, requires_indication: boolean, address: string, postcode: string, contact: Contact, why: Array<Why>, };
/**
 * A support area. The snake_case id is a public contract: referrals, maps and outputs use it.
 */
export type SupportArea = "loneliness" | "low_mood_anxiety" | "sleep_worry" | "burnout" | "life_event" | "lifestyle" | "chronic_illness" | "carer_strain" | "low_literacy" | "health_literacy" | "debt_poverty" | "transport_housing_household" | "leisure_daytime" | "parenting" | "work_reintegration" | "home_support";
/**
 * A support area with its full and short labels in both languages.
 */
export type SupportAreaInfo = { id: SupportArea, nl: string, en: string, short_nl: string, short_en: string, };
/**
 * The triage decision for one referral.
 */
export type Triage = { id: string, route: Route, 
/**
 * What the GP reads first: the route, or the more precise heading of a not-eligible or
 * in-treatment decision ("Eerst toestemming vragen").
 */
headline: Bilingual, areas: Array<AreaFinding>, suggested_areas?: Array<SuggestedArea>, reasons: Array<Reason>, warnings: Array<Warning>, pathways: Array<Pathway>, mental_health_signal: Signal, rules_version: number, policy: PolicyStamp, 
/**
 * What is wrong with the referral itself: present only when risk decided despite it
 * ([`urgent_despite`]); every other invalid referral gets no decision, only its problems.
 */
input_problems?: Array<FieldError>, };
/**
 * The engine's closed lists with their labels, so the page repeats none of them.
 */
export type Vocabulary = { flags: Array<Label>, days: Array<Label>, times: Array<Label>, languages: Array<Label>, routes: Array<Label>, audiences: Array<Label>, 
/**
 * Who may refer (contract ids; the page words them).
 */
referrers: Array<string>, 
/**
 * How a referral reached the social domain (contract ids).
 */
channels: Array<string>, 
/**
 * The Positive Health dimensions, each scored 0 to `positive_health_max`.
 */
positive_health: Array<string>, positive_health_max: number, 
/**
 * The 4DKL scales with their maxima and the default policy's thresholds.
 */
four_dkl: Array<DklScale>, };
/**
 * A caution beside the decision: a risk asked about and denied, someone else's history, an earlier
 * risk. It never makes the route calmer; it says what the engine read and did not count.
 */
export type Warning = { code: string, nl: string, en: string, matched?: Array<string>, 
/**
 * The caution rests on an assumption of the policy, not on the plan.
 */
assumption?: boolean, };
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
/**
 * Where a region's weights were learned, as the page states it ("afgestemd op N verwijzingen
 * (periode)").
 */
export type WeightsInfo = { id: string, hash: string, region: string, cases: number, from: string, to: string, synthetic: boolean, };
/**
 * What a match output is stamped with when a weights file is used.
 */
export type WeightsStamp = { id: string, 
/**
 * `sha256:` + hex digest of the file's canonical JSON.
 */
hash: string, };
/**
 * One explanation line, in both languages.
 */
export type Why = { code: string, nl: string, en: string, };
