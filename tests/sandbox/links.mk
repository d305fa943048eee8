# tests/sandbox/links.mk — the raw-WASI guest of tests/sandbox/t_links.sh
# (planted links, renames carrying links or denied entries, nested grants);
# built by the escape-guest rule of src/wasi/wasi.mk.
TESTS_ALL += $(WASI_GUEST_DIR)/links.wasm
