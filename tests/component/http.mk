# tests/component/http.mk — the wasi:http test guest (core module; t_http.sh
# makes it a component with jco embed + jco new --wasi-command at test time,
# as t_adapted.sh does, since jco comes from npm then).
$(BUILD)/tests/component/http-guest.wasm: tests/component/http/guest.c $(WASI_SYSROOT)/.stamp
	@mkdir -p $(dir $@)
	$(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) $(WASM_CFLAGS) -mexec-model=reactor $< -o $@
TESTS_ALL += $(BUILD)/tests/component/http-guest.wasm
