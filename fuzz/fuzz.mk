# fuzz/fuzz.mk — `make fuzz` (included by the top-level Makefile).
#
#   make fuzz [FUZZ_SECONDS=600] [FUZZ_FLAGS='-fork=2 -ignore_crashes=1']
#       (libFuzzer stops at the first crash; in fork mode with
#       -ignore_crashes=1 it keeps going and saves every crash)
#   make fuzz-build                      just build build/fuzz/fuzz_engine
#   make fuzz-repro FUZZ_INPUT=path      rerun one input (e.g. a crash artifact)
#   make fuzz-diff [FUZZ_SECONDS=3600]   differential campaign vs V8 (fuzz/diff/diff.mk)
#
# The engine sources are compiled here again, with clang-14 and
# -fsanitize=fuzzer-no-link,address,undefined (what -fsanitize=fuzzer does
# to objects compiled with -c), into build/fuzz/obj; the normal build is not
# reused.  The seed corpus is every .wasm wast2json makes from the spec
# testsuite (build/fuzz/seeds, made once), copied into build/fuzz/corpus,
# which keeps what libFuzzer adds between runs.  Crashes, leaks, timeouts
# and sanitizer reports land in build/fuzz/artifacts.
# Keeps whatever default goal the including Makefile has.
FUZZ_SAVED_GOAL := $(.DEFAULT_GOAL)
BUILD ?= build
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
FUZZ_CC ?= clang-14
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_BIN := $(FUZZ_DIR)/fuzz_engine
FUZZ_SPEC ?= $(or $(SPEC_SUITE),../shared/spec-testsuite)
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer -g -O1
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -Iinclude -Isrc/wasm $(FUZZ_SAN)
FUZZ_SRC := $(wildcard src/wasm/*.c)
FUZZ_OBJ := $(FUZZ_SRC:src/wasm/%.c=$(FUZZ_DIR)/obj/%.o)

# libFuzzer's runtime for clang-14 ships in libclang-rt-14-dev.
FUZZ_APT = apt-get install -y $(1) || { apt-get update && apt-get install -y $(1); }
fuzz-deps:
	@dpkg -s libclang-rt-14-dev >/dev/null 2>&1 || $(call FUZZ_APT,libclang-rt-14-dev)
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || $(call FUZZ_APT,clang-14)
	@command -v wast2json >/dev/null 2>&1 || $(call FUZZ_APT,wabt)

$(FUZZ_DIR)/obj/%.o: src/wasm/%.c | fuzz-deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_BIN): fuzz/fuzz_engine.c include/boxagnts.h $(FUZZ_OBJ) | fuzz-deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Wall -Wextra -fsanitize=fuzzer \
	    -o $@ fuzz/fuzz_engine.c $(FUZZ_OBJ) -lm -lpthread

fuzz-build: $(FUZZ_BIN)

# wast2json output of every .wast (SIMD included: the decoder sees them too).
$(FUZZ_DIR)/seeds/.done: | fuzz-deps
	@mkdir -p $(FUZZ_DIR)/seeds
	@for w in $(FUZZ_SPEC)/*.wast; do \
	    n=$$(basename $$w .wast); mkdir -p $(FUZZ_DIR)/seeds/$$n; \
	    wast2json $$w -o $(FUZZ_DIR)/seeds/$$n/$$n.json >/dev/null 2>&1 || \
	        echo "fuzz: wast2json failed on $$w (skipped)"; \
	done
	@touch $@

fuzz: $(FUZZ_BIN) $(FUZZ_DIR)/seeds/.done
	@mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/artifacts
	@find $(FUZZ_DIR)/seeds -name '*.wasm' | while read f; do \
	    d=$$(basename $$(dirname $$f)); \
	    cp -n $$f $(FUZZ_DIR)/corpus/$$d-$$(basename $$f); done
	@echo "fuzz: $$(ls $(FUZZ_DIR)/corpus | wc -l) inputs in $(FUZZ_DIR)/corpus, running $(FUZZ_SECONDS) s"
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -timeout=25 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/artifacts/ $(FUZZ_FLAGS) \
	    $(FUZZ_DIR)/corpus

fuzz-repro: $(FUZZ_BIN)
	@test -n "$(FUZZ_INPUT)" || { echo "usage: make fuzz-repro FUZZ_INPUT=file"; exit 2; }
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 $(FUZZ_BIN) -runs=1 $(FUZZ_INPUT)

-include $(FUZZ_OBJ:.o=.d)
# `make fuzz-diff`: the differential campaign against V8 (issue 14).
include fuzz/diff/diff.mk
.PHONY: fuzz fuzz-build fuzz-deps fuzz-repro
.DEFAULT_GOAL := $(FUZZ_SAVED_GOAL)
