# tests/corpus/corpus.mk — real programs built by toolchains nobody tuned the
# engine against (issue 14 item 3), run by tests/corpus/t_corpus.sh.
#
# C (tests/corpus/c/*.c): clang-14 -> wasm32-wasi at -O0 -O1 -O2 -Os -Oz,
# each without and with the feature flags below ("feat"), and the same
# source built natively with the host's gcc: the native program's output
# is the expected output.
# Rust (tests/corpus/rust/*.rs): Debian's /usr/bin/rustc (1.63, package
# rustc + libstd-rust-dev-wasm32) -> wasm32-wasi at -O and at opt-level 0,
# and natively: again the native output is the expected one.  Each build
# has its own crate name: rustc's temporaries in one directory would collide.
# AssemblyScript (tests/corpus/as/*.ts) is compiled by t_corpus.sh itself,
# with asc from npm installed into $(BUILD)/corpus-as at test time.
CORPUS_DIR   := $(BUILD)/tests/corpus
CORPUS_C     := $(wildcard tests/corpus/c/*.c)
CORPUS_RS    := $(wildcard tests/corpus/rust/*.rs)
CORPUS_OPTS  := O0 O1 O2 Os Oz
CORPUS_FEAT  := -mbulk-memory -mnontrapping-fptoint -msign-ext -mreference-types -mtail-call
CORPUS_RUSTC ?= /usr/bin/rustc

define corpus_c_variant
$(CORPUS_DIR)/c/%.$(1).wasm: tests/corpus/c/%.c $(WASI_SYSROOT)/.stamp
	@mkdir -p $$(dir $$@)
	$(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) -$(1) -w -o $$@ $$< -lm
$(CORPUS_DIR)/c/%.$(1)-feat.wasm: tests/corpus/c/%.c $(WASI_SYSROOT)/.stamp
	@mkdir -p $$(dir $$@)
	$(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) -$(1) $(CORPUS_FEAT) -w -o $$@ $$< -lm
endef
$(foreach o,$(CORPUS_OPTS),$(eval $(call corpus_c_variant,$(o))))

$(CORPUS_DIR)/c/%.native: tests/corpus/c/%.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -w -o $@ $< -lm

$(CORPUS_DIR)/rust/%.wasm: tests/corpus/rust/%.rs
	@mkdir -p $(dir $@)
	@test -x $(CORPUS_RUSTC) || scripts/setup.sh
	$(CORPUS_RUSTC) --edition 2021 --crate-name $*_wasm --target wasm32-wasi -O -o $@ $<
$(CORPUS_DIR)/rust/%.O0.wasm: tests/corpus/rust/%.rs
	@mkdir -p $(dir $@)
	@test -x $(CORPUS_RUSTC) || scripts/setup.sh
	$(CORPUS_RUSTC) --edition 2021 --crate-name $*_o0 --target wasm32-wasi -C opt-level=0 -o $@ $<
$(CORPUS_DIR)/rust/%.native: tests/corpus/rust/%.rs
	@mkdir -p $(dir $@)
	@test -x $(CORPUS_RUSTC) || scripts/setup.sh
	$(CORPUS_RUSTC) --edition 2021 --crate-name $*_native -O -o $@ $<

CORPUS_C_NAMES := $(CORPUS_C:tests/corpus/c/%.c=%)
CORPUS_RS_NAMES := $(CORPUS_RS:tests/corpus/rust/%.rs=%)
TESTS_ALL += $(foreach n,$(CORPUS_C_NAMES),$(CORPUS_DIR)/c/$(n).native \
                 $(foreach o,$(CORPUS_OPTS),$(CORPUS_DIR)/c/$(n).$(o).wasm $(CORPUS_DIR)/c/$(n).$(o)-feat.wasm)) \
             $(foreach n,$(CORPUS_RS_NAMES),$(CORPUS_DIR)/rust/$(n).wasm $(CORPUS_DIR)/rust/$(n).O0.wasm \
                 $(CORPUS_DIR)/rust/$(n).native)
