# tests/nodediff/nodediff.mk — what tests/nodediff/t_node_diff.sh needs:
# the trace guest (C -> wasm32-wasi, same toolchain as src/wasi/wasi.mk),
# the WASI guests of tests/wasi and the CLI.
NODEDIFF_DIR := $(BUILD)/tests/nodediff

$(NODEDIFF_DIR)/%.wasm: tests/nodediff/%.c $(WASI_SYSROOT)/.stamp
	@mkdir -p $(dir $@)
	$(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) $(WASM_CFLAGS) $< -o $@

TESTS_ALL += $(NODEDIFF_DIR)/trace.wasm $(WASI_GUESTS) $(CLI)
