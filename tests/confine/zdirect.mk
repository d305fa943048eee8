# tests/confine/zdirect.mk — test_zdirect: the direct channel to reused
# workers through the zygote's API (tests/confine/t_zdirect.sh runs it).
$(BUILD)/tests/confine/test_zdirect: tests/confine/test_zdirect.c tests/check.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc/confine $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(BUILD)/tests/confine/test_zdirect
