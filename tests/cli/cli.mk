# tests/cli/cli.mk — guest programs for tests/cli/t_run.sh (`boxagnts run`),
# C -> wasm32-wasi with the same toolchain and sysroot as src/wasi/wasi.mk
# (include it after that file).
CLI_GUEST_DIR := $(BUILD)/tests/cli
CLI_GUESTS    := $(patsubst tests/cli/%.c,$(CLI_GUEST_DIR)/%.wasm,$(wildcard tests/cli/*.c))

$(CLI_GUEST_DIR)/%.wasm: tests/cli/%.c $(WASI_SYSROOT)/.stamp
	@mkdir -p $(dir $@)
	$(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) $(WASM_CFLAGS) $< -o $@
TESTS_ALL += $(CLI_GUESTS)
