# The one entry point. `make run` builds and serves the page; `make test` runs everything CI checks.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8080
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)
# wasm-bindgen-cli must equal the wasm-bindgen crate version in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/"/,"",$$3); print $$3}' Cargo.lock)
WASM_TARGET := wasm32-unknown-unknown
PKG := www/pkg
# The Regio view's own module (wor-eval-wasm), loaded only when that view opens.
PKG_EVAL := www/pkg-eval
# The referral loop's module (wor-fhir-wasm: FHIR referral, caseload export), loaded when first used.
PKG_FHIR := www/pkg-fhir
WOR := target/release/wor

.PHONY: help setup build wasm types cli maps run test test-rust test-js fuzz-smoke bench bench-compare clean

help:
	@echo "make run    build and serve the web page on http://127.0.0.1:$(PORT)"
	@echo "make test   run every check CI runs"
	@echo "make bench  criterion benchmarks; make bench-compare: peer comparison"

## setup: prepare a fresh machine (idempotent).
setup:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@if [ "$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}')" != "$(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (a few minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "installing Debian's chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; \
	fi
	@if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then npm ci --no-audit --no-fund; touch node_modules; fi
	@python3 -c 'import pytrec_eval' 2>/dev/null || pip install --quiet pytrec-eval-terrier
	@python3 -c 'import fhir.resources.R4B' 2>/dev/null || pip install --quiet fhir.resources==8.3.0

## build: the wasm module into www/pkg, the CLI, and the bundled demo maps into www/maps.
build: wasm cli maps

# The wasm features every browser the page supports has; wasm-opt may use them.
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue

# $(call wasm_module,CRATE,OUT_DIR,WASM_OPT_LEVEL): build a wasm crate, bind it for the web, optimise it.
define wasm_module
	cargo build -p $(1) --target $(WASM_TARGET) --profile wasm-release
	wasm-bindgen --target web --out-dir $(2) target/$(WASM_TARGET)/wasm-release/$(subst -,_,$(1)).wasm
	npx --no-install wasm-opt $(3) $(WASM_FEATURES) $(2)/$(subst -,_,$(1))_bg.wasm -o $(2)/$(subst -,_,$(1))_bg.wasm
endef

# The main module has a size budget; -Os with --low-memory-unused measured smaller than -Oz (see
# crates/wor-wasm/README.md). The other two load lazily and are outside the budget.
wasm:
	$(call wasm_module,wor-wasm,$(PKG),-Os --converge --low-memory-unused)
	@raw=$$(stat -c %s $(PKG)/wor_wasm_bg.wasm); gz=$$(gzip -9 -c $(PKG)/wor_wasm_bg.wasm | wc -c); \
	  printf '{"raw_bytes": %s, "gzip_bytes": %s, "budget_gzip_bytes": 256000}\n' $$raw $$gz > $(PKG)/size.json; \
	  echo "wasm module: $$((raw / 1024)) KB raw, $$((gz / 1024)) KB gzipped (budget 250 KB gzipped)"; \
	  if [ $$gz -gt 256000 ]; then echo "wasm module over the 250 KB gzip budget" >&2; exit 1; fi
	$(call wasm_module,wor-eval-wasm,$(PKG_EVAL),-Oz --converge)
	@gz=$$(gzip -9 -c $(PKG_EVAL)/wor_eval_wasm_bg.wasm | wc -c); \
	  echo "Regio wasm module: $$((gz / 1024)) KB gzipped (loaded only by the Regio view)"
	$(call wasm_module,wor-fhir-wasm,$(PKG_FHIR),-Oz --converge)
	@gz=$$(gzip -9 -c $(PKG_FHIR)/wor_fhir_wasm_bg.wasm | wc -c); \
	  echo "FHIR wasm module: $$((gz / 1024)) KB gzipped (loaded when the referral loop is first used)"

## types: rewrite the wasm modules' TypeScript declarations (crates/*-wasm/types.d.ts) from the Rust types.
types:
	WOR_WRITE_TYPES=1 cargo test -q -p wor-wasm -p wor-fhir-wasm -p wor-eval-wasm declarations

cli:
	cargo build --release -p wor-cli

maps: cli
	$(WOR) map bundle social-map www/maps

## run: the main job.
run: setup build
	@echo
	@echo "The CLI is at $(WOR). For example:"
	@echo "  $(WOR) triage tests/fixtures/referrals.jsonl"
	@echo "  $(WOR) match --map social-map --top 5 tests/fixtures/referrals.jsonl"
	@echo "  $(WOR) map validate social-map"
	@echo "  $(WOR) --help"
	@echo
	$(WOR) serve --port $(PORT)

## test: everything CI checks.
test: setup test-rust fuzz-smoke build test-js

test-rust:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo test --workspace

test-js:
	node --test tests/node/ tests/browser/

## fuzz-smoke: every cargo-fuzz target for FUZZ_SECONDS each (nightly; see docs/fuzzing.md). The scratch
## corpus in target/fuzz-smoke grows from the seeds in fuzz/corpus; a crash stops with its input saved.
FUZZ_TARGETS := referral_json map_load detect_areas match_referral fhir_import
FUZZ_SECONDS ?= 20
FUZZ_SCRATCH := $(CURDIR)/target/fuzz-smoke

fuzz-smoke:
	@cargo fuzz --version >/dev/null 2>&1 || { echo "installing cargo-fuzz (about a minute)"; \
	  cargo install cargo-fuzz --locked || cargo install cargo-fuzz; }
	cd fuzz && cargo +nightly fuzz build
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_SCRATCH)/$$t; \
	  if ! (cd fuzz && cargo +nightly fuzz run $$t $(FUZZ_SCRATCH)/$$t corpus/$$t -- \
	        -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -timeout=10) > $(FUZZ_SCRATCH)/$$t.log 2>&1; then \
	    grep -a -v NEW_FUNC $(FUZZ_SCRATCH)/$$t.log | tail -n 40; \
	    echo "fuzz target $$t failed (log: $(FUZZ_SCRATCH)/$$t.log; a crashing input is kept in fuzz/artifacts/$$t/, see docs/fuzzing.md)" >&2; exit 1; \
	  fi; \
	  echo "fuzz $$t: $$(grep -a -E '^Done [0-9]+ runs' $(FUZZ_SCRATCH)/$$t.log | tail -n 1)"; \
	done

bench:
	cargo bench --bench engine
	cargo bench --bench tune

# stdout carries only the harness's JSON: the set-up and build output goes to stderr.
bench-compare:
	@$(MAKE) --no-print-directory setup build >&2
	@node benches/compare/run.mjs $(COMPARE_ARGS)

clean:
	cargo clean
	rm -rf $(PKG) $(PKG_EVAL) $(PKG_FHIR) www/maps
