# tests/sandbox/links.mk — the raw-WASI guest of tests/sandbox/t_links.sh
# (planted links, renames carrying links or denied entries, nested grants),
# built by the escape-guest rule of src/wasi/wasi.mk, and test_nolinks
# (grants re-opened refusing links planted since they were resolved).
TESTS_ALL += $(WASI_GUEST_DIR)/links.wasm

LNK_TEST_DIR := $(BUILD)/tests/sandbox

$(LNK_TEST_DIR)/test_nolinks: tests/sandbox/test_nolinks.c tests/check.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(LNK_TEST_DIR)/test_nolinks
