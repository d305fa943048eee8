# tests/aot/reenter.mk — reenter_test (host functions calling back into
# compiled code, run by tests/aot/t_aot_reenter.sh).
$(BUILD)/tests/aot/reenter_test: tests/aot/reenter_test.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(BUILD)/tests/aot/reenter_test
