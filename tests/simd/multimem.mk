# tests/simd/multimem.mk — tests/simd/multimem.wat (SIMD loads and stores
# on memories other than 0) for tests/simd/t_simd_multimem.sh.
$(BUILD)/tests/simd/multimem.wasm: tests/simd/multimem.wat
	@mkdir -p $(dir $@)
	$(WAT2WASM) --enable-multi-memory $< -o $@

TESTS_ALL += $(BUILD)/tests/simd/multimem.wasm
