//! TypeScript declarations of the types the wasm modules return, generated from their ts-rs derives
//! (feature `ts`, off in every build that ships). Each wasm crate lists its roots in a test that compares
//! the text with its committed `types.d.ts`, which wasm-bindgen adds to the module's declarations.

use std::collections::BTreeMap;
use ts_rs::{Config, TypeVisitor, TS};

/// Each named type's declaration, once, by name: ts-rs visits dependencies in an order that changes
/// between builds, so the file is sorted to stay byte-identical.
pub struct Declarations {
    cfg: Config,
    header: String,
    declared: BTreeMap<String, String>,
}

impl Declarations {
    /// Starts the file with a line saying which test generates it.
    pub fn new(generator: &str) -> Declarations {
        Declarations {
            // JSON numbers: no integer the engine writes needs a bigint.
            cfg: Config::new().with_large_int("number"),
            header: format!("// Generated from the Rust types by {generator}: do not edit.\n"),
            declared: BTreeMap::new(),
        }
    }

    /// Declares `T` and everything it uses.
    pub fn declare<T: TS + 'static + ?Sized>(mut self) -> Declarations {
        self.visit::<T>();
        self
    }

    pub fn text(self) -> String {
        let mut text = self.header;
        text.extend(self.declared.into_values());
        text
    }
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Only named types have a declaration; strings, numbers, arrays and options are written inline,
        // but what they hold may still need declaring.
        if T::output_path().is_none() {
            T::visit_generics(self);
            T::visit_dependencies(self);
            return;
        }
        let name = T::ident(&self.cfg);
        if self.declared.contains_key(&name) {
            return;
        }
        let docs = T::docs().unwrap_or_default();
        let declaration = format!("{docs}export {}\n", T::decl(&self.cfg));
        self.declared.insert(name, declaration);
        T::visit_dependencies(self);
    }
}

/// The test that keeps a wasm crate's committed `types.d.ts` equal to what its root types generate:
/// `wor_core::typescript_declarations_test!(Triage, MatchResult<'static>, ...)` in a `#[cfg(test)]`
/// module. With `WOR_WRITE_TYPES` set (`make types`) it rewrites the file instead. A macro so that the
/// file access happens in the calling crate's test, never in this crate.
#[macro_export]
macro_rules! typescript_declarations_test {
    ($($root:ty),+ $(,)?) => {
        #[test]
        fn committed_declarations_are_what_the_types_generate() {
            let generated = $crate::typescript::Declarations::new(file!())
                $(.declare::<$root>())+
                .text();
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/types.d.ts");
            if std::env::var_os("WOR_WRITE_TYPES").is_some() {
                std::fs::write(path, generated).unwrap();
            } else {
                let committed = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/types.d.ts"));
                assert!(generated == committed, "{path} is stale: run `make types`");
            }
        }
    };
}
