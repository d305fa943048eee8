# tests/net/net.mk — the network capability's tests: the policy unit test
# (tests/net/test_policy.c, against src/net's private header) and what the
# shell suites (tests/net/t_*.sh) drive: the CLI and the web-fetch tool.
NET_TEST_BIN := $(BUILD)/tests/net/test_policy

$(BUILD)/tests/net/test_policy: $(BUILD)/tests/net/test_policy.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS)

TESTS_ALL += $(NET_TEST_BIN) $(CLI) $(TOOLS_DIR)/web-fetch/tool.wasm $(TOOLS_DIR)/web-fetch/tool.json

-include $(BUILD)/tests/net/test_policy.d

# `make bench-net` (part of `make bench`, never of `make test`).
$(BUILD)/tests/net/bench_net: $(BUILD)/tests/net/bench_net.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ -lcurl $(LDLIBS)
bench-net: $(BUILD)/tests/net/bench_net $(CLI) $(TOOLS_DIR)/web-fetch/tool.wasm
	BUILD=$(BUILD) tests/net/bench.sh
bench: bench-net
.PHONY: bench-net
-include $(BUILD)/tests/net/bench_net.d

# The hostile ABI caller (tests/net/guest/abi.c -> wasm32-wasi).
$(BUILD)/tests/net/abi.wasm: tests/net/guest/abi.c $(WASI_SYSROOT)/.stamp
	@mkdir -p $(dir $@)
	$(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) $(WASM_CFLAGS) $< -o $@
TESTS_ALL += $(BUILD)/tests/net/abi.wasm

# The secret redactor (tests/net/test_redact.c), driven by tests/net/t_secrets.sh.
$(BUILD)/tests/net/test_redact: $(BUILD)/tests/net/test_redact.o $(LIB)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS)
TESTS_ALL += $(BUILD)/tests/net/test_redact
-include $(BUILD)/tests/net/test_redact.d
