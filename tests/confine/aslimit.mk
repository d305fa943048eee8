# tests/confine/aslimit.mk — test_aslimit: RLIMIT_AS leaves room for the
# engine's reservations at its caps (tests/confine/t_aslimit.sh runs it).
$(BUILD)/tests/confine/test_aslimit: tests/confine/test_aslimit.c tests/check.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc/confine $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)
TESTS_ALL += $(BUILD)/tests/confine/test_aslimit
