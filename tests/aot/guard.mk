# tests/aot/guard.mk — guard_test (guard regions of the compiled tier, run
# by tests/aot/t_guard.sh).  It looks at engine internals (runtime.h).
$(BUILD)/tests/aot/guard_test: tests/aot/guard_test.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(BUILD)/tests/aot/guard_test
