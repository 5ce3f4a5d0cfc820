// Generated from the Rust types by crates/wor-eval-wasm/src/declarations.rs: do not edit.
export type Basis = "plan" | "assumption";
/**
 * The computed business case.
 */
export type BusinessCase = { scenario: Scenario, years: Array<number>, regions: { [key in string]: RegionResult }, totals: Totals, 
/**
 * What the reader of this run must know (counts below the base), then where the plan contradicts
 * itself, each with the plan's printed figure beside this computation's.
 */
warnings: Array<Note>, 
/**
 * Rules this computation uses that the plan does not state in words.
 */
assumptions: Array<Note>, 
/**
 * Every parameter with its value and where it comes from.
 */
drivers: Array<Driver>, 
/**
 * Shown totals that are not the sum of their shown parts (rounding), for footnotes.
 */
sum_notes: Array<SumNote>, params: Params, 
/**
 * The realised years come from cases that state they are synthetic; set by the caller that read
 * them, and said at the top of every rendering.
 */
synthetic_actuals?: boolean, 
/**
 * The stated origins of the cases behind the realised years (with `--actuals`).
 */
actuals_origin?: Origins, };
export type CaseTotals = { total: Count, 
/**
 * Referred after the reference date: left out.
 */
after_date: Count, open: Count, closed: Count, 
/**
 * Without a practice: not in the practice figures.
 */
without_practice: Count, 
/**
 * Some cases state that they are synthetic (`origin`): the figures are a demonstration.
 */
synthetic: boolean, 
/**
 * Cases per stated origin (`unknown` without one), named at the top of every rendering.
 */
origins: Origins, };
export type ChannelKpi = { 
/**
 * Practices with at least one referral in the region up to the reference date.
 */
referring_practices: Count, 
/**
 * Of those, practices with at least one referral through ZorgDomein or VIP Live.
 */
electronic: Count, 
/**
 * Practices whose referrals carry no channel at all (counted as not electronic).
 */
without_channel: Count, share: number | null, target: number, 
/**
 * YYYY-MM-DD.
 */
deadline: string, };
/**
 * A count as shown: exact, or "<5" when suppressed for shared material.
 */
export type Count = number | "<5";
/**
 * One parameter as used.
 */
export type Driver = { 
/**
 * Its path in a params file (`regions.amstelland.growth`).
 */
param: string, nl: string, en: string, 
/**
 * The value as used, as the reader sees it ("€ 1.021", "50% / 50% / 50% / 0% / 0%").
 */
value_nl: string, value_en: string, 
/**
 * `plan` (the plan states it) or `assumption` (it does not: recovered from its figures or chosen).
 */
basis: Basis, 
/**
 * The plan's section the value comes from or is recovered from.
 */
section: string, 
/**
 * The plan's value where this run uses another (what-if).
 */
plan_value_nl?: string, plan_value_en?: string, };
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
 * The FTE tables (plan 7.4, "Doorvertaling naar potentiële FTE inzet en besparing").
 */
export type FteParams = { 
/**
 * The years of the tables (the plan: 2025..=2028, 2025 at the base level).
 */
first_year: number, last_year: number, 
/**
 * Productive hours of a social worker per year (1,280).
 */
productive_hours: number, 
/**
 * Shares of the saving per referral attributed to GP consultations and POH-GGZ consultations,
 * and the labour cost of one FTE of each (50% of EUR 202,000; 40% of EUR 87,400).
 */
gp_share: number, gp_fte_cost_eur: number, poh_share: number, poh_fte_cost_eur: number, 
/**
 * Round the per-referral GP and POH amounts down to whole euros (recovered from the plan's table).
 */
whole_euro_shares: boolean, };
export type FteTable = { years: Array<number>, 
/**
 * Region id (and `total`) -> one value per year.
 */
referrals: { [key in string]: Array<number> }, social_worker_hours: { [key in string]: Array<number> }, social_worker_fte: { [key in string]: Array<number> }, zvw_fte_saved: { [key in string]: Array<number> }, };
export type FundingRequest = { one_off_investment_eur: number, social_worker_cost_eur: number, follow_up_cost_eur: number, 
/**
 * Social-worker and follow-up costs together (plan 8.3's "Totaal" of the social domain).
 */
social_domain_eur: number, total_eur: number, };
/**
 * A proleptic Gregorian date, written `YYYY-MM-DD`.
 */
export type IsoDate = string;
export type LearningGroups = { 
/**
 * CBS code -> referrals and their trend by quarter.
 */
municipalities: { [key in string]: MunicipalityStats }, 
/**
 * Support area -> referrals with that area.
 */
areas: { [key in string]: Count }, 
/**
 * YYYY-Qn -> referrals in the region.
 */
quarters: { [key in string]: Count }, 
/**
 * Demand without supply on the map (only when a map was given): municipality and area.
 */
missing_offer?: Array<MissingOffer>, };
export type MissingOffer = { municipality_code: string, municipality: string, area: SupportArea, area_nl: string, demand: Count, };
export type Monitor = { date: IsoDate, shared: boolean, cases: CaseTotals, 
/**
 * Region id -> year -> figures.
 */
regions: { [key in string]: { [key in string]: RegionYear } }, 
/**
 * Practice -> referrals per month and channels.
 */
practices: { [key in string]: PracticeStats }, 
/**
 * Only with a practices list.
 */
starting_practices?: StartingPractices, 
/**
 * KPIs 5.5/6.5/7.5 per region.
 */
electronic_channel: { [key in string]: ChannelKpi }, 
/**
 * For the learning groups (WelZo), per region.
 */
learning_groups: { [key in string]: LearningGroups }, 
/**
 * Rules the plan does not state, used here.
 */
assumptions: Array<Note>, };
export type MonthPoint = { 
/**
 * YYYY-MM.
 */
month: string, referrals: Count, successful: Count, successful_cumulative: Count, 
/**
 * The straight line from 0 on 1 January to the target on 31 December, at the month's end.
 */
target_path: number | null, };
export type MunicipalityStats = { name: string, referrals: Count, quarters: { [key in string]: Count }, 
/**
 * Support area -> referrals with that area from this municipality.
 */
areas: { [key in string]: Count }, };
/**
 * A note for the reader: a stable code and the text in Dutch and English.
 */
export type Note = { code: string, nl: string, en: string, };
export type OneOffItem = { id: string, nl: string, en: string, 
/**
 * Euros excluding VAT and indexation, one per one-off year.
 */
amounts_eur: Array<number>, };
/**
 * One-off investments (plan 8.1, explained in 8.2).
 */
export type OneOffParams = { 
/**
 * The years with one-off investments (plan 8.1: 2025..=2027).
 */
first_year: number, last_year: number, 
/**
 * VAT on the amounts (plan 8.1: "Bedragen zijn inclusief indexatie en btw"; 21%).
 */
vat: number, 
/**
 * Contingency margin over all items (plan 8.1: "Marge onvoorzien 1%").
 */
contingency: number, 
/**
 * Training and intervision: hours per social-worker FTE at a rate (plan 8.1/8.2: 20 hours per
 * FTE at EUR 95), with the FTE of the FTE table rounded to one decimal as the plan shows it.
 */
training_hours_per_fte: number, training_rate_eur: number, 
/**
 * Items with fixed amounts excluding VAT and indexation, one per one-off year.
 */
items: Array<OneOffItem>, 
/**
 * Indexation factors that replace the computed ones, by year (the plan's 2027: 1.069).
 */
index_factor_overrides: { [key in string]: number }, };
export type OneOffRow = { id: string, nl: string, en: string, 
/**
 * Including VAT, excluding indexation, keyed by year (as plan 8.1's rows).
 */
amounts_eur: { [key in string]: number }, total_eur: number, };
/**
 * How many cases of each origin a file holds, as the cases state it (`origin`); a case without one
 * counts as unknown, never guessed. Every report and summary names it at the top.
 */
export type Origins = { 
/**
 * Origin id (`synthetic`, `demo_map`, `recorded_by_social_workers`, `caseload_export`) or
 * `unknown` -> cases.
 */
counts: { [key in string]: number }, };
/**
 * Every input of the business case; a params file overrides any of them (what-if).
 */
export type Params = { 
/**
 * Year of the base referral counts (plan 7.1: 2024).
 */
base_year: number, 
/**
 * First year of the one-off investments and of the indexation (plan 8.1: "jaarlijkse indexatie
 * 3% vanaf 2025"); referrals stay at the base level until `first_year` (plan 7.3: 2025 saves
 * nothing).
 */
start_year: number, 
/**
 * The years of structural effects (plan 7.1: 2026..=2030).
 */
first_year: number, last_year: number, 
/**
 * Per region: base count and yearly growth (plan 7.1).
 */
regions: { [key in string]: RegionParams }, 
/**
 * Avoided Zvw costs per extra referral (plan 7.1: EUR 1,021, Good2Consult).
 */
zvw_saving_per_extra_referral_eur: number, 
/**
 * Social-worker hours per extra referral and their rate (plan 7.2: 8 hours at EUR 95).
 */
social_worker_hours_per_referral: number, social_worker_rate_eur: number, 
/**
 * Share of referrals with follow-up costs in the social domain, and the cost (plan 7.3: 60% at
 * EUR 200).
 */
follow_up_share: number, follow_up_cost_eur: number, 
/**
 * Yearly indexation (plan 7.2/8.1: 3%).
 */
indexation: number, 
/**
 * Decimals the plan's indexation factors are rounded to (recovered: 4); `null` keeps them exact.
 */
index_factor_decimals: number | null, one_off: OneOffParams, fte: FteParams, };
export type PracticeStats = { 
/**
 * The region most of its referrals came from.
 */
region: string, referrals: Count, 
/**
 * YYYY-MM -> referrals.
 */
months: { [key in string]: Count }, 
/**
 * Channel id (or `unknown`) -> referrals.
 */
channels: { [key in string]: Count }, 
/**
 * At least one referral through ZorgDomein or VIP Live.
 */
electronic: boolean, };
export type RegionParams = { name: string, 
/**
 * Referrals in the base year.
 */
base_referrals: number, 
/**
 * Growth over the previous year, one per year `first_year..=last_year`.
 */
growth: Array<number>, };
export type RegionResult = { name: string, base_referrals: number, 
/**
 * One per year of [`BusinessCase::years`].
 */
referrals: Array<number>, 
/**
 * Which of `referrals` are realised (from `--actuals`) rather than planned.
 */
actual: Array<boolean>, extra_referrals: Array<number>, savings_eur: Array<number>, social_worker_cost_eur: Array<number>, follow_up_cost_eur: Array<number>, referrals_total: number, savings_total_eur: number, social_worker_cost_total_eur: number, };
export type RegionYear = { referrals: Count, successful: Count, open: Count, closed: Count, successful_target: number | null, 
/**
 * successful / target, unannualised (a partial year is a partial year).
 */
share_of_target: number | null, 
/**
 * The year ended on or before the reference date.
 */
complete: boolean, 
/**
 * Over closed cases where contact was due (not labelled urgent or not eligible).
 */
first_contact_within_14_days: number | null, 
/**
 * Over closed cases with at least one conversation.
 */
one_to_four_conversations: number | null, 
/**
 * Over closed cases with Positive Health measured before and after.
 */
health_improved: number | null, 
/**
 * Over closed cases that arrived at an activity.
 */
still_attending_3m: number | null, 
/**
 * January up to the reference date's month (all twelve for past years).
 */
months: Array<MonthPoint>, };
/**
 * A report as data (`json`), as an HTML fragment in the asked language, and the case file's warnings.
 */
export type Rendered<T> = { json: T, html: string, warnings: Array<string>, };
/**
 * Whose business case this is: only the plan's own parameters with planned counts are the plan's
 * business case (its heading "Positieve businesscase", plan 7.3).
 */
export type Scenario = "plan" | "what_if" | "actuals" | "what_if_with_actuals";
export type StartingPracticeStats = { practice: string, start: IsoDate, 
/**
 * YYYY-MM -> referrals, from the start month up to the reference date's month.
 */
months: { [key in string]: Count }, 
/**
 * Months that ended on or before the reference date.
 */
complete_months: number, 
/**
 * Referrals in complete months / complete months.
 */
per_month: number | null, 
/**
 * Complete months below 2, within 2..4, above 4 referrals.
 */
months_below: number, months_within: number, months_above: number, };
export type StartingPractices = { 
/**
 * The plan: "startende praktijken beginnen met 2-4 verwijzingen per maand".
 */
target_per_month: [number, number], practices: Array<StartingPracticeStats>, 
/**
 * Year -> practices starting that year (the plan: 6 to 12 a year can start).
 */
started_per_year: { [key in string]: number }, };
/**
 * One shown total and its shown parts where they do not add up.
 */
export type SumNote = { 
/**
 * The table as the plan numbers it: `7.1` (referrals, savings and social-worker costs per
 * region), `7.3`, `7.4` (FTE), `8.1` (one-off investments), `8.3` (the request).
 */
table: string, 
/**
 * The total's row (`total.referrals`, `zuid-holland-noord.savings`, `net`, ...) and column (a
 * year or `total`).
 */
row: string, column: string, 
/**
 * The shown parts with their sign, their sum and the shown total, in units of the last shown
 * decimal (tenths for FTE).
 */
parts: Array<number>, sum: number, total: number, 
/**
 * Decimals shown (FTE: 1; money and counts: 0).
 */
decimals: number, };
/**
 * A support area. The snake_case id is a public contract: referrals, maps and outputs use it.
 */
export type SupportArea = "loneliness" | "low_mood_anxiety" | "sleep_worry" | "burnout" | "life_event" | "lifestyle" | "chronic_illness" | "carer_strain" | "low_literacy" | "health_literacy" | "debt_poverty" | "transport_housing_household" | "leisure_daytime" | "parenting" | "work_reintegration" | "home_support";
export type Totals = { referrals: Array<number>, extra_referrals: Array<number>, savings_eur: Array<number>, savings_indexed_eur: Array<number>, social_worker_cost_eur: Array<number>, social_worker_cost_indexed_eur: Array<number>, follow_up_cost_eur: Array<number>, follow_up_cost_indexed_eur: Array<number>, referrals_total: number, savings_total_eur: number, savings_indexed_total_eur: number, social_worker_cost_total_eur: number, social_worker_cost_indexed_total_eur: number, follow_up_cost_indexed_total_eur: number, 
/**
 * Excluding indexation (plan 8.1 "totaal excl. indexatie"), keyed by year.
 */
one_off_investment_eur: { [key in string]: number }, 
/**
 * Including the indexation (plan 8.1 and 7.3), keyed by year.
 */
one_off_investment_indexed_eur: { [key in string]: number }, one_off_investment_total_eur: number, one_off_investment_indexed_total_eur: number, one_off_items: Array<OneOffRow>, 
/**
 * Contingency margin per year (plan 8.1 "Marge onvoorzien").
 */
one_off_contingency_eur: { [key in string]: number }, 
/**
 * Savings minus costs minus one-off investments, all indexed, keyed by year from `start_year`.
 */
net_effect_eur: { [key in string]: number }, 
/**
 * The running total of the net effect, keyed by year (the last equals `net_effect_total_eur`).
 */
net_effect_cumulative_eur: { [key in string]: number }, net_effect_total_eur: number, 
/**
 * What the plan asks for over the one-off years (plan 8.3).
 */
funding_request_eur: FundingRequest, fte: FteTable, };
