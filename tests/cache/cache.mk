# tests/cache/cache.mk — the compiled-module cache from the CLI's side
# (tests/cache/t_cache.sh, `boxagnts run --cache-dir`) and `make bench-cache`
# (bench/cache.sh: cold compile versus cached load, in-process with
# cachebench and whole-process with the CLI).  The engine-level tests are
# tests/wasm/test_cache.c.
CACHE_TEST_DIR := $(BUILD)/tests/cache

$(CACHE_TEST_DIR)/cachebench: tests/cache/cachebench.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(CLI_GUEST_DIR)/hello.wasm $(CLI_GUEST_DIR)/echo.wasm

bench-cache: $(CACHE_TEST_DIR)/cachebench $(CLI) $(CLI_GUESTS)
	BUILD=$(BUILD) CACHEBENCH=$(CACHE_TEST_DIR)/cachebench bench/cache.sh
bench: bench-cache

.PHONY: bench-cache
