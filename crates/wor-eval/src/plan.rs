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
}

/// The three regions, in the plan's order of its business-case tables (plan 7.1).
pub const REGIONS: [PlanRegion; 3] = [
    PlanRegion {
        id: "zuid-holland-noord",
        name: "Zuid-Holland Noord",
        base_2024: 1306,
        growth: [0.5, 0.5, 0.5, 0.0, 0.0],
    },
    PlanRegion {
        id: "amstelland",
        name: "Amstelland",
        base_2024: 397,
        growth: [0.5, 0.5, 0.5, 0.0, 0.0],
    },
    PlanRegion {
        id: "haarlemmermeer",
        name: "Haarlemmermeer",
        base_2024: 383,
        growth: [0.25, 0.5, 0.5, 0.0, 0.0],
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
}

/// "Binnen twee weken neemt de sociaal werker contact op met de inwoner" (plan 4.1, "Het gesprek met de
/// sociaal werker").
pub const FIRST_CONTACT_DAYS: i64 = 14;

/// One to four conversations: the PO-sociaal route "bestaat uit maximaal drie á vier gesprekken" (plan,
/// appendix on PO-sociaal); domain.md states one to four for WoR. Assumption: at least one, since a case
/// without a conversation did not reach the resident.
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
}
