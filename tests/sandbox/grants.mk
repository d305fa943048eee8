# tests/sandbox/grants.mk — test_grants: bx_grants (src/sandbox/grants.c),
# run by tests/sandbox/t_grants.sh.
$(BUILD)/tests/sandbox/test_grants: tests/sandbox/test_grants.c tests/check.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(BUILD)/tests/sandbox/test_grants
