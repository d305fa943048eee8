# tests/confine/zpool.mk — test_zpool: the zygote's pool and executor
# zygotes under load (tests/confine/t_zpool.sh runs it).
$(BUILD)/tests/confine/test_zpool: tests/confine/test_zpool.c tests/check.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc/confine $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(BUILD)/tests/confine/test_zpool
