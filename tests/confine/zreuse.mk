# tests/confine/zreuse.mk — test_zreuse: opt-in worker reuse through the
# zygote's API (tests/confine/t_worker_reuse.sh runs it).
$(BUILD)/tests/confine/test_zreuse: tests/confine/test_zreuse.c tests/check.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc/confine $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(BUILD)/tests/confine/test_zreuse
