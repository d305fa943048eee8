# tests/tools/tools.mk — what tests/tools/t_tools.sh needs: the probe tool
# (one module, installed under each manifest in tests/tools/probe/manifests)
# and the in-process registry test.
TT_DIR    := $(BUILD)/tests/tools
TT_PROBE  := $(TT_DIR)/probe.wasm
TT_NAMES  := $(notdir $(wildcard tests/tools/probe/manifests/*))
TT_TOOLS  := $(foreach n,$(TT_NAMES),$(TT_DIR)/tools/$(n)/tool.wasm $(TT_DIR)/tools/$(n)/tool.json)

$(TT_PROBE): tests/tools/probe/probe.c $(GUEST_LIB)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) -o $@ $< $(GUEST_LIB)

$(TT_DIR)/tools/%/tool.wasm: $(TT_PROBE)
	@mkdir -p $(dir $@)
	cp $< $@

$(TT_DIR)/tools/%/tool.json: tests/tools/probe/manifests/%/tool.json
	@mkdir -p $(dir $@)
	cp $< $@

$(TT_DIR)/test_registry: tests/tools/test_registry.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

TESTS_ALL += $(TT_TOOLS) $(TT_DIR)/test_registry

# `make bench`: in-process calls/s of file-read (bench/tools.c).
$(BUILD)/bench/tools: bench/tools.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) -O2 -g -o $@ $< $(LIB) $(LDLIBS)

bench-tools: $(BUILD)/bench/tools $(TOOLS_ALL)
	@mkdir -p $(BUILD)/bench/tools-ws
	@printf 'line one\nline two\nline three\n' > $(BUILD)/bench/tools-ws/small.txt
	$(BUILD)/bench/tools $(TOOLS_DIR) $(BUILD)/bench/tools-ws file-read '{"file_path":"/workspace/small.txt"}' 3

bench: bench-tools
.PHONY: bench-tools
