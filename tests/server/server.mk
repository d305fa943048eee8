# tests/server/server.mk — what the server suites (tests/server/t_*.sh)
# need: the misbehaving and well-behaved test tools of tests/server/tools/
# built to wasm32-wasi like the built-in tools (guest/guest.mk), into
# $(BUILD)/tests/server/tools/<name>/{tool.wasm,tool.json}, loaded with
# --tools-dir; and the unit test of the JSON-RPC wire code.  `make bench`
# also runs bench/server.sh.
SERVER_TOOLS_DIR := $(BUILD)/tests/server/tools
SERVER_TOOL_NAMES := $(notdir $(patsubst %/,%,$(dir $(wildcard tests/server/tools/*/tool.json))))

define SERVER_TOOL_RULES
$(SERVER_TOOLS_DIR)/$(1)/tool.wasm: $(wildcard tests/server/tools/$(1)/*.c) $(GUEST_LIB)
	@mkdir -p $$(dir $$@)
	$(GUEST_CC) $(GUEST_CFLAGS) -o $$@ $(wildcard tests/server/tools/$(1)/*.c) $(GUEST_LIB)
$(SERVER_TOOLS_DIR)/$(1)/tool.json: tests/server/tools/$(1)/tool.json
	@mkdir -p $$(dir $$@)
	cp $$< $$@
TESTS_ALL += $(SERVER_TOOLS_DIR)/$(1)/tool.wasm $(SERVER_TOOLS_DIR)/$(1)/tool.json
endef
$(foreach t,$(SERVER_TOOL_NAMES),$(eval $(call SERVER_TOOL_RULES,$(t))))

# The wire code (line reader, JSON-RPC checks) tested on its own.
$(BUILD)/tests/server/test_wire: tests/server/test_wire.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc/server $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)
TESTS_ALL += $(BUILD)/tests/server/test_wire

bench-server: $(CLI) $(TOOLS_ALL) $(filter $(SERVER_TOOLS_DIR)/%,$(TESTS_ALL))
	BUILD=$(BUILD) bench/server.sh
bench: bench-server
.PHONY: bench-server
