# tests/wasi/wasi.mk — src/wasi's tests: guest programs (C -> wasm32-wasi,
# toolchain in scripts/wasm32.mk) and the host drivers test_wasi and
# test_path, run by tests/run.sh.  `make test-wasi` runs just these.
WASI_GUESTS     := $(WASI_GUEST_DIR)/basic.wasm $(WASI_GUEST_DIR)/fs.wasm \
                   $(WASI_GUEST_DIR)/escape.wasm

$(WASI_GUEST_DIR)/%.wasm: tests/wasi/guest/%.c tests/wasi/guest/check.h $(WASI_SYSROOT)/.stamp
	@mkdir -p $(dir $@)
	$(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) $(WASM_CFLAGS) -Itests/wasi/guest $< -o $@

$(WASI_GUEST_DIR)/%.wasm: tests/wasi/escape/%.c tests/wasi/guest/check.h $(WASI_SYSROOT)/.stamp
	@mkdir -p $(dir $@)
	$(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) $(WASM_CFLAGS) -Itests/wasi/guest $< -o $@

WASI_TESTS := $(WASI_GUEST_DIR)/test_wasi $(WASI_GUEST_DIR)/test_path

$(WASI_GUEST_DIR)/test_%: tests/wasi/test_%.c tests/check.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(WASI_TESTS) $(WASI_GUESTS)

test-wasi: $(WASI_TESTS) $(WASI_GUESTS)
	$(WASI_GUEST_DIR)/test_path
	$(WASI_GUEST_DIR)/test_wasi $(WASI_GUEST_DIR)

.PHONY: test-wasi
