# guest/web-fetch/web-fetch.mk — the web-fetch tool: its *.c linked with the
# guest runtime, as a simple tool would be, plus the WHATWG multi-byte
# indexes charset.c decodes with (Shift_JIS, EUC-JP, ISO-2022-JP, EUC-KR,
# gb18030/GBK, Big5), generated at build time from Python 3's codecs by
# gen_index.py (its docstring lists each derivation, its checks, and every
# correction made by hand).  No index table is committed.
WF_GEN_DIR := $(BUILD)/guest/web-fetch
WF_INDEX   := $(WF_GEN_DIR)/cs_index.h
WF_SRC     := $(wildcard guest/web-fetch/*.c)

$(WF_INDEX): guest/web-fetch/gen_index.py
	@mkdir -p $(dir $@)
	python3 guest/web-fetch/gen_index.py $@

$(TOOLS_DIR)/web-fetch/tool.wasm: $(WF_SRC) $(wildcard guest/web-fetch/*.h) $(WF_INDEX) $(GUEST_LIB)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) -Iguest/web-fetch -I$(WF_GEN_DIR) -o $@ $(WF_SRC) $(GUEST_LIB)

$(TOOLS_DIR)/web-fetch/tool.json: guest/web-fetch/tool.json
	@mkdir -p $(dir $@)
	cp $< $@

TOOLS_ALL += $(TOOLS_DIR)/web-fetch/tool.wasm $(TOOLS_DIR)/web-fetch/tool.json
