//! Cells of the plan's published tables, as printed: what the business case's notes quote beside the
//! figures it recomputes, so a reader always sees the plan's own number (the unit tests of
//! `business_case` check that the defaults reproduce them, or name why not).

/// One region's published cells.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RegionCells {
    /// The social map's region id.
    pub id: &'static str,
    /// Table 7.1: referrals 2026..=2030 (the same counts as the KPI targets 2026 and 2027: KPIs
    /// 5.4/5.7, 6.4/6.7 and 7.4/7.7 "casussen succesvol doorverwezen").
    pub referrals: [i64; 5],
    /// The KPIs that set 2026's and 2027's count.
    pub kpis: [&'static str; 2],
    /// Table 7.4, "Fte-berekening WoR besparing ZvW", 2025..=2028.
    pub zvw_fte_saved: [f64; 4],
}

/// Tables 7.1 and 7.4 per region, in the plan's order.
pub const REGIONS: [RegionCells; 3] = [
    RegionCells {
        id: "zuid-holland-noord",
        kpis: ["7.4", "7.7"],
        referrals: [1959, 2939, 4408, 4408, 4408],
        zvw_fte_saved: [9.4, 14.1, 21.1, 31.7],
    },
    RegionCells {
        id: "amstelland",
        kpis: ["5.4", "5.7"],
        referrals: [596, 893, 1340, 1340, 1340],
        zvw_fte_saved: [2.9, 4.3, 6.4, 9.6],
    },
    RegionCells {
        id: "haarlemmermeer",
        kpis: ["6.4", "6.7"],
        referrals: [479, 718, 1077, 1077, 1077],
        zvw_fte_saved: [2.8, 3.4, 5.2, 7.7],
    },
];

/// Table 7.1, row "Totaal": the base year 2024, then 2026..=2030, then the "Totaal" column.
pub const REFERRALS_TOTAL_ROW: [i64; 6] = [2086, 3033, 4550, 6825, 6825, 6825];
pub const REFERRALS_TOTAL: i64 = 30_144;

/// Table 7.3, column "Totaal": savings, execution costs, follow-up costs, one-off investments, net.
pub const TABLE_7_3_SAVINGS_TOTAL: i64 = 14_397_352;
pub const TABLE_7_3_SOCIAL_WORK_TOTAL: i64 = 10_716_932;
pub const TABLE_7_3_FOLLOW_UP_TOTAL: i64 = 1_692_147;
pub const TABLE_7_3_ONE_OFF_TOTAL: i64 = 2_369_864;
pub const TABLE_7_3_NET_TOTAL: i64 = 393_022;

/// Table 7.4, "Fte-berekening WoR besparing ZvW", row "Totaal", 2025..=2028.
pub const ZVW_FTE_SAVED_TOTAL: [f64; 4] = [15.0, 21.8, 32.7, 49.1];

/// Table 8.1: the one-off investments of 2027 including the indexation.
pub const ONE_OFF_2027_INDEXED: i64 = 899_591;

/// Table 8.1: Haarlemmermeer's amounts in 2025 (incl. VAT), by the business case's item ids, though
/// the plan says Haarlemmermeer starts in 2026 ("Haarlemmermeer heeft aangegeven per 2026 te willen
/// beginnen, dus die zijn vanaf dan opgenomen", section 5.2, "Aanpak").
pub const HAARLEMMERMEER_2025: [(&str, i64); 7] = [
    ("project_lead_haarlemmermeer", 34_316),
    ("training_haarlemmermeer", 5_518),
    ("learning_internal_haarlemmermeer", 2_904),
    ("learning_external_haarlemmermeer", 1_452),
    ("ict_haarlemmermeer", 18_150),
    ("communication_external_haarlemmermeer", 7_744),
    ("communication_internal_haarlemmermeer", 4_356),
];

/// Section 8.4: the split "op basis van het aantal verwijzingen ... (periode 2025-2027)", and the
/// amounts of its table per region: the social domain's costs (SPUK, 2025-2027) and the social
/// domain's share of the one-off investments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SplitCells {
    pub id: &'static str,
    pub share: f64,
    pub social_domain_eur: i64,
    pub one_off_eur: i64,
}

pub const SPLIT_8_4: [SplitCells; 3] = [
    SplitCells {
        id: "amstelland",
        share: 0.195,
        social_domain_eur: 615_974,
        one_off_eur: 45_278,
    },
    SplitCells {
        id: "haarlemmermeer",
        share: 0.163,
        social_domain_eur: 514_891,
        one_off_eur: 40_910,
    },
    SplitCells {
        id: "zuid-holland-noord",
        share: 0.642,
        social_domain_eur: 2_027_976,
        one_off_eur: 143_651,
    },
];
/// Section 8.4's totals of those two rows ("SPUK bedrag BC 25-27"; 8.3's "Eenmalige
/// investeringsmiddelen sociaal domein").
pub const SPLIT_8_4_SOCIAL_DOMAIN_TOTAL: i64 = 3_158_841;
pub const SPLIT_8_4_ONE_OFF_TOTAL: i64 = 229_839;
