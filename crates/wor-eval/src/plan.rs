//! The plan's figures, in one place: the evaluation report, monitoring and the business case read them
//! from here. Every figure names its section of the transformation plan ("Transformatieplan Welzijn op
//! Recept", regions Zuid-Holland Noord, Amstelland and Haarlemmermeer). [`published`] holds cells of
//! its business-case tables as printed, which the business case quotes beside what it recomputes.

pub mod published;

/// One region as the plan counts it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanRegion {
    /// The social map's region id.
    pub id: &'static str,
    pub name: &'static str,
    /// WoR referrals in the base year 2024 (plan 7.1, "startgetal").
    pub base_2024: u32,
    /// Growth over the previous year for 2026..=2030 (plan 7.1: "in 2026 50% meer dan het basisjaar
    /// 2024 voor ZH-Noord en Amstelland, en voor Haarlemmermeer 25%. In 2027 en 2028 opschaling met
    /// steeds 50% ... Vanaf 2029 vindt stabilisatie plaats").
    pub growth: [f64; 5],
    /// The number of the region's KPIs in the plan's tables (5.2 "KPI's regionaal": Amstelland 5.1-5.7,
    /// Haarlemmermeer 6.1-6.7, Zuid-Holland Noord 7.1-7.7).
    pub kpi_number: u8,
}

/// The three regions, in the plan's order of its business-case tables (plan 7.1).
pub const REGIONS: [PlanRegion; 3] = [
    PlanRegion {
        id: "zuid-holland-noord",
        name: "Zuid-Holland Noord",
        base_2024: 1306,
        growth: [0.5, 0.5, 0.5, 0.0, 0.0],
        kpi_number: 7,
    },
    PlanRegion {
        id: "amstelland",
        name: "Amstelland",
        base_2024: 397,
        growth: [0.5, 0.5, 0.5, 0.0, 0.0],
        kpi_number: 5,
    },
    PlanRegion {
        id: "haarlemmermeer",
        name: "Haarlemmermeer",
        base_2024: 383,
        growth: [0.25, 0.5, 0.5, 0.0, 0.0],
        kpi_number: 6,
    },
];

/// The base year of the referral counts (plan 7.1).
pub const BASE_YEAR: i32 = 2024;

/// The region's plan figures.
pub fn region(id: &str) -> Option<&'static PlanRegion> {
    REGIONS.iter().find(|r| r.id == id)
}

impl PlanRegion {
    /// Planned referrals in `year`, unrounded: the 2024 base, the same in 2025, then compounded by
    /// `growth` for 2026..=2030 (plan 7.1); `None` before the base year or after 2030.
    pub fn planned_referrals(&self, year: i32) -> Option<f64> {
        match year {
            BASE_YEAR | 2025 => Some(f64::from(self.base_2024)),
            2026..=2030 => {
                let steps = &self.growth[..=(year - 2026) as usize];
                Some(
                    steps
                        .iter()
                        .fold(f64::from(self.base_2024), |n, g| n * (1.0 + g)),
                )
            }
            _ => None,
        }
    }

    /// The KPI target for successful referrals in `year` (the plan sets 2026 and 2027 only: KPIs
    /// 5.4/5.7 Amstelland, 6.4/6.7 Haarlemmermeer, 7.4/7.7 Zuid-Holland Noord). The KPI tables repeat
    /// the planned referrals of 7.1 rounded to whole referrals, so they are computed here, not copied
    /// (a test checks the published cells).
    pub fn successful_target(&self, year: i32) -> Option<u32> {
        match year {
            2026 | 2027 => self.planned_referrals(year).map(|n| n.round() as u32),
            _ => None,
        }
    }

    /// The 2026 KPI target.
    pub fn target_2026(&self) -> u32 {
        self.successful_target(2026).unwrap_or(0)
    }

    /// The 2027 KPI target.
    pub fn target_2027(&self) -> u32 {
        self.successful_target(2027).unwrap_or(0)
    }

    /// The plan's number of this region's KPI `n` (chapter 5 numbers the tables per region: Amstelland
    /// 5.x, Haarlemmermeer 6.x, Zuid-Holland Noord 7.x), e.g. "6.5".
    pub fn kpi(&self, n: u8) -> String {
        let table = match self.id {
            "amstelland" => 5,
            "haarlemmermeer" => 6,
            _ => 7,
        };
        format!("{table}.{n}")
    }
}

/// Whether a KPI is about effort (evidence in the register) or result (counted from the cases), as the
/// plan's column "Inspanning / resultaat" says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum KpiKind {
    Effort,
    Result,
}

/// One row of the plan's KPI tables (5.2): its number (`"1"`-`"4"` supra-regional, `"x.1"`-`"x.7"` per
/// region with x the region's [`PlanRegion::kpi_number`]), its kind and its "(Streef) datum".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanKpi {
    /// `"1"`..`"4"`, or the part after the region's number (`"1"`..`"7"`).
    pub number: &'static str,
    pub kind: KpiKind,
    /// The "(Streef) datum" column (year, month, day).
    pub due: (i32, u8, u8),
    /// What the KPI asks, in short (Dutch, English).
    pub nl: &'static str,
    pub en: &'static str,
}

const fn kpi(
    number: &'static str,
    kind: KpiKind,
    due: (i32, u8, u8),
    nl: &'static str,
    en: &'static str,
) -> PlanKpi {
    PlanKpi {
        number,
        kind,
        due,
        nl,
        en,
    }
}

/// "KPI's bovenregionaal" (plan 5.2).
pub const SUPRA_REGIONAL_KPIS: [PlanKpi; 4] = [
    kpi(
        "1",
        KpiKind::Effort,
        (2025, 12, 31),
        "Transformatieplan opgesteld, ingediend en goedgekeurd",
        "Transformation plan written, submitted and approved",
    ),
    kpi(
        "2",
        KpiKind::Effort,
        (2026, 7, 1),
        "Plan van aanpak en projectorganisatie met stuurgroep",
        "Plan of approach and project organisation with a steering group",
    ),
    kpi(
        "3",
        KpiKind::Effort,
        (2026, 7, 1),
        "Afspraken over beheer en ontwikkeling van de Toolbox",
        "Agreements on managing and developing the Toolbox",
    ),
    kpi(
        "4",
        KpiKind::Effort,
        (2027, 12, 31),
        "Evaluatierapport met lessen vertaald in acties",
        "Evaluation report with lessons turned into actions",
    ),
];

/// "KPI's regionaal" (plan 5.2), the same seven for each region. x.4 and x.7 are the successful-referral
/// targets of [`PlanRegion::successful_target`]; x.5 is [`ELECTRONIC_CHANNEL_SHARE`].
pub const REGIONAL_KPIS: [PlanKpi; 7] = [
    kpi(
        "1",
        KpiKind::Effort,
        (2026, 7, 1),
        "Behoeften van de praktijken in kaart en lokale werkgroepen gestart",
        "Practices' needs identified and local working groups started",
    ),
    kpi(
        "2",
        KpiKind::Effort,
        (2026, 7, 1),
        "Projectplan zodat praktijken van start kunnen",
        "Project plan so that practices can start",
    ),
    kpi(
        "3",
        KpiKind::Effort,
        (2026, 12, 31),
        "Sociaal werkers en huisartsen getraind (trainingen en deelnemers)",
        "Social workers and GPs trained (trainings and participants)",
    ),
    kpi(
        "4",
        KpiKind::Result,
        (2026, 12, 31),
        "Succesvolle verwijzingen in 2026",
        "Successful referrals in 2026",
    ),
    kpi(
        "5",
        KpiKind::Result,
        ELECTRONIC_CHANNEL_DEADLINE,
        "Praktijken die met ZorgDomein of VIP Live werken",
        "Practices working with ZorgDomein or VIP Live",
    ),
    kpi(
        "6",
        KpiKind::Effort,
        (2027, 7, 1),
        "Ten minste 4 intervisiegroep-overleggen",
        "At least 4 intervision meetings",
    ),
    kpi(
        "7",
        KpiKind::Result,
        (2027, 12, 31),
        "Succesvolle verwijzingen in 2027",
        "Successful referrals in 2027",
    ),
];

/// KPIs x.6: "ten minste 4 intervisiegroep overleggen" from approval to 1 July 2027.
pub const INTERVISION_MEETINGS: u32 = 4;

/// Assumption: "goedkeuring" is the date of the public announcement of the plan's approval
/// (goedkeuring-aankondiging, 24 November 2025); the plan itself names no date.
pub const APPROVAL: (i32, u8, u8) = (2025, 11, 24);

/// Plan 7.2: "een gemiddelde inzet van 8 uur" per referral.
pub const HOURS_PER_REFERRAL: f64 = 8.0;
/// Plan 7.4: "1.280 productieve uren per jaar (70% van 36-urige werkweek)" per FTE.
pub const PRODUCTIVE_HOURS_PER_FTE: f64 = 1280.0;

/// "Binnen twee weken neemt de sociaal werker contact op met de inwoner" (plan 4.1, "Het gesprek met de
/// sociaal werker").
pub const FIRST_CONTACT_DAYS: i64 = 14;

/// One to four conversations: the plan says "maximaal drie á vier gesprekken" of the PO-sociaal in
/// Zuid-Holland Noord only (appendix "Extra toelichting PO-sociaal"); domain.md states one to four for WoR.
/// Assumptions: it holds for every region and route, and at least one, since a case without a
/// conversation did not reach the resident.
pub const CONVERSATIONS: (u32, u32) = (1, 4);

/// KPIs 5.5/6.5/7.5: at least 75% of the participating practices work with ZorgDomein or VIP Live by
/// 1 July 2027.
pub const ELECTRONIC_CHANNEL_SHARE: f64 = 0.75;
/// The KPI's deadline (year, month, day).
pub const ELECTRONIC_CHANNEL_DEADLINE: (i32, u8, u8) = (2027, 7, 1);

/// "Het streven is dat startende praktijken beginnen met 2-4 verwijzingen per maand" (plan, who else
/// may refer: new practices).
pub const STARTING_PRACTICE_REFERRALS_PER_MONTH: (u32, u32) = (2, 4);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kpi_targets_equal_the_plans_published_cells() {
        // The KPI tables print the same counts as table 7.1's 2026 and 2027.
        for cells in published::REGIONS {
            let r = region(cells.id).unwrap();
            let [t26, t27, ..] = cells.referrals;
            assert_eq!(
                (i64::from(r.target_2026()), i64::from(r.target_2027())),
                (t26, t27),
                "{}",
                cells.id
            );
        }
        assert_eq!(region("amstelland").unwrap().successful_target(2028), None);
    }

    #[test]
    fn kpi_numbers_follow_the_plans_tables() {
        let numbers: Vec<String> = REGIONS.iter().map(|r| r.kpi(5)).collect();
        assert_eq!(numbers, ["7.5", "5.5", "6.5"]);
    }
}
