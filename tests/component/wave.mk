# tests/component/wave.mk — the WAVE parser/printer's unit test (run by
# tests/component/t_wave.sh).
$(COMP_TEST_DIR)/test_wave: tests/component/test_wave.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(COMP_TEST_DIR)/test_wave
