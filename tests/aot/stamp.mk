# tests/aot/stamp.mk — stamp_test (compiled objects mapped through
# /proc/self/fd in one process, run by tests/aot/t_aot_stamp.sh).
$(BUILD)/tests/aot/stamp_test: tests/aot/stamp_test.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(BUILD)/tests/aot/stamp_test
