//! Scopes of blocking contexts: which hits a negation, a denial or someone else's context covers.

use super::*;

/// Words that join the items of a denied list: "ontkent suïcidale gedachten of zelfbeschadiging".
pub(super) const CONJUNCTIONS: &[&str] = &["en", "of", "noch", "and", "or", "nor"];

/// Which hits a denial before them covers: the first within [`DENY_WINDOW`] tokens in its clause, then
/// each next item that follows the last one directly after a comma or a conjunction.
pub(super) fn deny_list_cover(n: &NotScope, hits: &[Hit], toks: &[Token], norm: &str) -> Vec<bool> {
    let mut covered: Vec<bool> = hits
        .iter()
        .map(|h| h.start <= n.end && h.end >= n.start)
        .collect();
    let mut anchor = n.end;
    let mut first = true;
    loop {
        let (from, to) = if first {
            (anchor + 1, anchor + 1 + DENY_WINDOW)
        } else {
            let next = anchor + 1;
            match toks.get(next) {
                Some(t) if t.comma_start => (next, next),
                Some(t)
                    if t.clause == toks[anchor].clause
                        && CONJUNCTIONS.contains(&&norm[t.norm.0..t.norm.1]) =>
                {
                    (next + 1, next + 1)
                }
                _ => break,
            }
        };
        let mut next_anchor: Option<usize> = None;
        for (i, h) in hits.iter().enumerate() {
            if h.mask & n.mask == 0 || h.start < from || h.start > to {
                continue;
            }
            if first && toks[h.start].clause != toks[n.end].clause {
                continue;
            }
            covered[i] = true;
            next_anchor = next_anchor.max(Some(h.end));
        }
        match next_anchor {
            Some(a) if a > anchor => anchor = a,
            _ => break,
        }
        first = false;
    }
    covered
}

/// Tokens after the end of a blocking context that it still covers (same clause only).
pub(super) const AFTER_WINDOW: usize = 4;
/// Tokens before the start of a `not-around` context that it still covers (same clause only).
pub(super) const BEFORE_WINDOW: usize = 3;
/// Cue contexts reach less far: setting a risk aside by mistake is the costly error. A denial or a
/// mild word allows one token between it and the cue ("ontkent actuele suïcidaliteit"), the past two
/// ("eerdere ernstige psychose"), someone else three ("broer pleegde vorig jaar suïcide").
pub(super) const DENY_WINDOW: usize = 1;
pub(super) const PAST_WINDOW: usize = 2;
pub(super) const OTHER_WINDOW: usize = 3;

#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) mask: Mask,
    /// Tokens that an optional gap of the phrase took, as bits from `start`.
    pub(super) gaps: u32,
}

impl Hit {
    /// The token is one the phrase names itself (not one an optional gap took).
    pub(super) fn names(&self, token: usize) -> bool {
        token >= self.start
            && token <= self.end
            && (token - self.start >= 32 || self.gaps & (1 << (token - self.start)) == 0)
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct NotScope {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) mask: Mask,
    /// Also covers a few tokens before it (`not-around`, `not-list`, `other`, `past`).
    pub(super) around: bool,
    /// Carries on through a comma-separated list of terms (`not-list`, `deny`: "ontkent somberheid,
    /// angst en eenzaamheid"): a comma does not end the scope when the token right after it starts a hit.
    pub(super) list: bool,
    /// A cue context: what it sets aside is recorded, with why.
    pub(super) why: Option<SetAsideWhy>,
    /// Not a blocking context but the end of a history context's scope (`current` lines).
    pub(super) ends_history: bool,
}

impl NotScope {
    pub(super) fn after(&self) -> usize {
        match self.why {
            None => AFTER_WINDOW,
            Some(SetAsideWhy::Denied | SetAsideWhy::Mild) => DENY_WINDOW,
            Some(SetAsideWhy::History) => PAST_WINDOW,
            Some(SetAsideWhy::OtherPerson) => OTHER_WINDOW,
        }
    }

    pub(super) fn before(&self) -> usize {
        match self.why {
            None => BEFORE_WINDOW,
            Some(SetAsideWhy::Denied | SetAsideWhy::Mild) => DENY_WINDOW,
            Some(SetAsideWhy::History | SetAsideWhy::OtherPerson) => PAST_WINDOW,
        }
    }

    /// Index of the last token after the context that it still covers.
    pub(super) fn reach(&self, toks: &[Token], hit_start: &[bool]) -> usize {
        let mut limit = self.end + self.after();
        let mut k = self.end + 1;
        while k < toks.len() && k <= limit {
            if toks[k].clause != toks[k - 1].clause {
                if self.list && toks[k].comma_start && hit_start[k] {
                    limit = k + self.after();
                } else {
                    break;
                }
            }
            k += 1;
        }
        k - 1
    }

    /// A `current` context stands between this history context and the hit: "eerder depressief en nu
    /// weer somber" reads the second as now.
    pub(super) fn ended_before(&self, h: &Hit, currents: &[NotScope]) -> bool {
        self.why == Some(SetAsideWhy::History)
            && currents
                .iter()
                .any(|c| c.start > self.end && c.end < h.start && c.mask & h.mask != 0)
    }

    pub(super) fn covers(&self, h: &Hit, toks: &[Token], reach: usize) -> bool {
        if h.start <= self.end && h.end >= self.start {
            return true;
        }
        if h.start > self.end {
            return h.start <= reach;
        }
        // h.end < self.start
        self.around
            && self.start - h.end <= self.before()
            && toks[h.end].clause == toks[self.start].clause
    }
}
