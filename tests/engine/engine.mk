# tests/engine/engine.mk — the engine's generated differential tests
# (tests/engine/t_*.sh): the driver that runs every [] -> [T] export.
ENGINE_TEST_DIR := $(BUILD)/tests/engine

$(ENGINE_TEST_DIR)/run_exports: tests/engine/run_exports.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(ENGINE_TEST_DIR)/run_exports

# The WASI guest of t_slash.sh (same toolchain as src/wasi/wasi.mk).
$(ENGINE_TEST_DIR)/slash.wasm: tests/engine/slash.c tests/wasi/guest/check.h $(WASI_SYSROOT)/.stamp
	@mkdir -p $(dir $@)
	$(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) $(WASM_CFLAGS) -Itests/wasi/guest $< -o $@

TESTS_ALL += $(ENGINE_TEST_DIR)/slash.wasm
