# tests/component/component.mk — the component model layer's tests and
# fuzz target (the layer itself is in the top Makefile's LAYERS).
COMP_SRC := $(wildcard src/component/*.c)

# The test driver: decodes, instantiates and calls components directly.
COMP_TEST_DIR := $(BUILD)/tests/component
$(COMP_TEST_DIR)/test_component: tests/component/test_component.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(COMP_TEST_DIR)/test_component

# `make fuzz-component [FUZZ_SECONDS=60]`: libFuzzer on the component decoder
# and runtime (src/component instrumented: coverage, ASan, UBSan), linked with
# the normal build's engine objects (the engine has its own target, `make
# fuzz`; instrumenting interp.c too takes clang many minutes).  Seeds: the
# binaries of the reference and hostile tests (`make fuzz-component-seeds`).
# Crashes land in $(BUILD)/fuzz-component/artifacts.
FUZZC_DIR := $(BUILD)/fuzz-component
FUZZC_CC ?= clang-14
FUZZC_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1
FUZZC_OBJ := $(patsubst src/component/%.c,$(FUZZC_DIR)/obj/%.o,$(filter-out src/component/wasi2.c src/component/http.c,$(COMP_SRC)))
FUZZC_ENGINE := $(patsubst %.c,$(BUILD)/%.o,$(wildcard src/wasm/*.c))
$(FUZZC_DIR)/obj/%.o: src/component/%.c
	@mkdir -p $(dir $@)
	$(FUZZC_CC) -std=c11 -D_GNU_SOURCE -Iinclude -Isrc/wasm -Isrc/wasi -Isrc/component $(FUZZC_SAN) -fsanitize=fuzzer-no-link -c $< -o $@
$(FUZZC_DIR)/fuzz_component: fuzz/fuzz_component.c $(FUZZC_OBJ) $(FUZZC_ENGINE)
	$(FUZZC_CC) -std=c11 -D_GNU_SOURCE -Iinclude -Isrc/wasm -Isrc/component $(FUZZC_SAN) -fsanitize=fuzzer -o $@ $^ -lm -lpthread
fuzz-component-seeds: $(COMP_TEST_DIR)/test_component
	@mkdir -p $(FUZZC_DIR)/seeds
	CM_KEEP=$(FUZZC_DIR)/seeds bash tests/component/t_reference.sh >/dev/null 2>&1 || true
	CM_KEEP=$(FUZZC_DIR)/seeds bash tests/component/t_hostile.sh >/dev/null 2>&1 || true
	cp tests/component/regress/*.wasm $(FUZZC_DIR)/seeds/
fuzz-component: $(FUZZC_DIR)/fuzz_component
	@mkdir -p $(FUZZC_DIR)/corpus $(FUZZC_DIR)/artifacts
	@find $(FUZZC_DIR)/seeds -name '*.wasm' -exec cp -n {} $(FUZZC_DIR)/corpus/ \; 2>/dev/null || true
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(FUZZC_DIR)/fuzz_component -max_total_time=$(or $(FUZZ_SECONDS),60) -rss_limit_mb=4096 -timeout=25 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZC_DIR)/artifacts/ $(FUZZC_DIR)/corpus
.PHONY: fuzz-component fuzz-component-seeds
