# tests/simd/simd.mk — what tests/simd/t_simd.sh needs: each tests/simd/*.c
# built three ways, to wasm32-wasi with clang-14 without and with -msimd128
# (same toolchain and sysroot as src/wasi/wasi.mk) and natively with the
# host compiler (the reference), plus tests/simd/paths.wat.
SIMD_TEST_DIR  := $(BUILD)/tests/simd
SIMD_TEST_PROG := $(patsubst tests/simd/%.c,%,$(wildcard tests/simd/*.c))
SIMD_TEST_BINS := $(foreach p,$(SIMD_TEST_PROG),$(SIMD_TEST_DIR)/$(p).wasm \
                    $(SIMD_TEST_DIR)/$(p).simd.wasm $(SIMD_TEST_DIR)/$(p).native) \
                  $(SIMD_TEST_DIR)/paths.wasm

$(SIMD_TEST_DIR)/%.wasm: tests/simd/%.c $(WASI_SYSROOT)/.stamp
	@mkdir -p $(dir $@)
	$(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) $(WASM_CFLAGS) $< -o $@
$(SIMD_TEST_DIR)/%.simd.wasm: tests/simd/%.c $(WASI_SYSROOT)/.stamp
	@mkdir -p $(dir $@)
	$(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) $(WASM_CFLAGS) -msimd128 $< -o $@
# -std=c11: no FMA contraction, so the native floats round as wasm's do
$(SIMD_TEST_DIR)/%.native: tests/simd/%.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror $< -o $@ -lm
$(SIMD_TEST_DIR)/paths.wasm: tests/simd/paths.wat
	@mkdir -p $(dir $@)
	$(WAT2WASM) $< -o $@

TESTS_ALL += $(SIMD_TEST_BINS) $(CLI)
