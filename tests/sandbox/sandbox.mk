# tests/sandbox/sandbox.mk — host-side tests of src/sandbox run by
# tests/sandbox/t_sandbox.sh: the process-wide watchdog under many
# concurrent runs (guests from tests/cli, built by tests/cli/cli.mk).
SBX_TEST_DIR := $(BUILD)/tests/sandbox

$(SBX_TEST_DIR)/test_watchdog: tests/sandbox/test_watchdog.c tests/check.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(SBX_TEST_DIR)/test_watchdog $(CLI_GUEST_DIR)/spin.wasm $(CLI_GUEST_DIR)/hello.wasm
