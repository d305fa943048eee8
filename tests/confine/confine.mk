# tests/confine/confine.mk — the compromise tests of src/confine, run by
# tests/confine/t_confine.sh: rawrun (TEST ONLY: run's library path plus a
# raw-operation import, never installed or linked into boxagnts) and its guest.
CONFINE_TEST_DIR := $(BUILD)/tests/confine

$(CONFINE_TEST_DIR)/rawrun: tests/confine/rawrun.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(CONFINE_TEST_DIR)/test_filter: tests/confine/test_filter.c tests/check.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc/confine $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(CONFINE_TEST_DIR)/raw.wasm: tests/confine/raw.wat
	@mkdir -p $(dir $@)
	$(WAT2WASM) $< -o $@

TESTS_ALL += $(CONFINE_TEST_DIR)/test_filter $(CONFINE_TEST_DIR)/rawrun $(CONFINE_TEST_DIR)/raw.wasm

$(CONFINE_TEST_DIR)/test_zygote: tests/confine/test_zygote.c tests/check.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc/confine $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(CONFINE_TEST_DIR)/test_zygote
