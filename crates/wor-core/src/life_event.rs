//! Kinds of life event (levensgebeurtenissen): which event a resident went through, and which event a
//! map entry is for.
//!
//! The support area `life_event` says that something changed a resident's life, not what: a grief group
//! does not help someone who has just divorced. One closed list for referrals (`life_events`: what the
//! referrer knows, plus what the note says) and map entries (`life_events`: the events an entry is for;
//! empty: any or none). The words that find a kind in a note live with the cue words in the triage
//! policy's vocabulary (`vocabulary.life_events`, each kind with its basis).

use crate::referral::shown;
use serde::Serialize;
use std::str::FromStr;

/// A kind of life event; the snake_case id is a public contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum LifeEvent {
    /// The death of a partner, child, parent or someone else close (rouw).
    Bereavement,
    /// Separation or divorce, the end of a relationship.
    Separation,
    /// Losing one's job (dismissal, redundancy).
    JobLoss,
    /// Moving house or to a new town (the resident's own move).
    MovingHouse,
    Retirement,
    /// Serious illness of a partner, child, parent or friend.
    IllnessOfSomeoneClose,
    /// Grown-up children leaving home or moving far away: a loss of daily contact, not a bereavement.
    ChildrenLeftHome,
    /// Arriving in the Netherlands (refugees, status holders, other newcomers from abroad).
    Migration,
}

impl LifeEvent {
    pub const ALL: [LifeEvent; 8] = [
        Self::Bereavement,
        Self::Separation,
        Self::JobLoss,
        Self::MovingHouse,
        Self::Retirement,
        Self::IllnessOfSomeoneClose,
        Self::ChildrenLeftHome,
        Self::Migration,
    ];

    /// Dense index 0..8, for bitsets.
    pub fn index(self) -> usize {
        self as usize
    }

    /// (id, Dutch label, English label); the labels complete "helpt bij ..." / "helps with ...".
    fn info(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::Bereavement => ("bereavement", "rouw", "grief"),
            Self::Separation => ("separation", "scheiding", "separation or divorce"),
            Self::JobLoss => ("job_loss", "baanverlies", "job loss"),
            Self::MovingHouse => ("moving_house", "verhuizing", "moving house"),
            Self::Retirement => ("retirement", "pensionering", "retirement"),
            Self::IllnessOfSomeoneClose => (
                "illness_of_someone_close",
                "ziekte van een naaste",
                "illness of someone close",
            ),
            Self::ChildrenLeftHome => (
                "children_left_home",
                "kinderen die uit huis gaan",
                "children leaving home",
            ),
            Self::Migration => (
                "migration",
                "nieuw in Nederland",
                "arriving in the Netherlands",
            ),
        }
    }
}

crate::labels::labelled!(LifeEvent);

impl FromStr for LifeEvent {
    type Err = UnknownLifeEvent;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_id(s).ok_or_else(|| UnknownLifeEvent(shown(s)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown life event {0} (known: bereavement, separation, job_loss, moving_house, retirement, illness_of_someone_close, children_left_home, migration)")]
pub struct UnknownLifeEvent(pub String);

crate::labels::bit_set!(
    /// A set of life-event kinds as a bit mask: packed into the matcher's hot entry fields.
    LifeEventSet of LifeEvent
);

impl LifeEventSet {
    /// An entry for these kinds is left out for a resident whose kinds are known and all different:
    /// a grief group is no help after a divorce. With the resident's kind unknown, it may rank.
    pub fn excludes(self, resident: LifeEventSet) -> bool {
        !self.is_empty() && !resident.is_empty() && !self.intersects(resident)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_match_serde() {
        for (i, e) in LifeEvent::ALL.into_iter().enumerate() {
            assert_eq!(e.index(), i);
            assert_eq!(e.id().parse::<LifeEvent>().unwrap(), e);
            assert_eq!(
                serde_json::to_string(&e).unwrap(),
                format!("\"{}\"", e.id())
            );
        }
        let err = "rouw".parse::<LifeEvent>().unwrap_err().to_string();
        assert!(err.contains("'rouw'") && err.contains("migration"), "{err}");
    }

    #[test]
    fn an_entry_for_one_kind_is_excluded_only_for_another_known_kind() {
        let set = |k: &[LifeEvent]| k.iter().copied().collect::<LifeEventSet>();
        let grief = set(&[LifeEvent::Bereavement]);
        assert!(grief.excludes(set(&[LifeEvent::Separation])));
        assert!(!grief.excludes(set(&[LifeEvent::Separation, LifeEvent::Bereavement])));
        assert!(!grief.excludes(LifeEventSet::default()));
        assert!(!LifeEventSet::default().excludes(set(&[LifeEvent::Separation])));
    }
}
