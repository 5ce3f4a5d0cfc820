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

/// Defines `$set`, a set of `$t` values as a bit mask (packed into the matcher's hot entry fields), with
/// `insert`, `contains`, `is_empty`, `intersects`, `union`, `iter` and `FromIterator`.
macro_rules! bit_set {
    ($(#[$doc:meta])* $set:ident of $t:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct $set(u16);

        impl $set {
            pub fn insert(&mut self, v: $t) {
                self.0 |= 1 << v as u16;
            }
            pub fn contains(self, v: $t) -> bool {
                self.0 & (1 << v as u16) != 0
            }
            pub fn is_empty(self) -> bool {
                self.0 == 0
            }
            pub fn intersects(self, other: $set) -> bool {
                self.0 & other.0 != 0
            }
            pub fn union(self, other: $set) -> $set {
                $set(self.0 | other.0)
            }
            pub fn iter(self) -> impl Iterator<Item = $t> {
                $t::ALL.into_iter().filter(move |v| self.contains(*v))
            }
        }

        impl FromIterator<$t> for $set {
            fn from_iter<I: IntoIterator<Item = $t>>(iter: I) -> Self {
                let mut set = $set::default();
                for v in iter {
                    set.insert(v);
                }
                set
            }
        }
    };
}

pub(crate) use bit_set;
