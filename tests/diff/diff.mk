# tests/diff/diff.mk — the C driver of the differential harness (our engine's
# side; fuzz/diff/diff.mjs is V8's).  Used by tests/diff/t_diff.sh (the
# deterministic slice in `make test`) and `make fuzz-diff` (fuzz/diff/diff.mk).
DIFF_RUN := $(BUILD)/tests/diff/diffrun

$(DIFF_RUN): fuzz/diff/driver.c include/boxagnts.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(DIFF_RUN)
