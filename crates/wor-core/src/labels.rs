//! What every closed list with Dutch and English labels (support areas, audiences, clinical cues) offers,
//! written once: each type lists its values in `ALL` and gives `(id, Dutch label, English label)` from
//! a private `info()`.

/// Adds `id`, `label_nl`, `label_en`, `from_id` and `Display` (the id) to `$t`.
macro_rules! labelled {
    ($t:ident) => {
        impl $t {
            /// The snake_case id: a public contract of referrals, maps and outputs.
            pub fn id(self) -> &'static str {
                self.info().0
            }

            /// The Dutch label (the plan's wording where it has one).
            pub fn label_nl(self) -> &'static str {
                self.info().1
            }

            pub fn label_en(self) -> &'static str {
                self.info().2
            }

            /// The value whose id this is.
            pub fn from_id(id: &str) -> Option<$t> {
                $t::ALL.into_iter().find(|v| v.id() == id)
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

pub(crate) use labelled;
