# tests/disk/disk.mk — guests for tests/disk/t_disk.sh: --max-write
# (writer) and the audit log's repeat and size caps (denyloop).
DISK_GUEST_DIR := $(BUILD)/tests/disk
DISK_GUESTS    := $(DISK_GUEST_DIR)/writer.wasm $(DISK_GUEST_DIR)/denyloop.wasm

$(DISK_GUEST_DIR)/%.wasm: tests/disk/%.c $(WASI_SYSROOT)/.stamp
	@mkdir -p $(dir $@)
	$(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) $(WASM_CFLAGS) $< -o $@

TESTS_ALL += $(DISK_GUESTS)
