# tests/server/jsonout.mk — test_jsonout: the server's string printer
# (src/server/jsonout.c) against libcjson's (tests/server/t_jsonout.sh).
$(BUILD)/tests/server/test_jsonout: tests/server/test_jsonout.c tests/check.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc/server -Isrc/confine $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)
TESTS_ALL += $(BUILD)/tests/server/test_jsonout
