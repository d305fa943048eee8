# guest/bash/bash.mk — the bash tool: like the generic guest rule, plus a
# bigger shadow stack (wasm-ld's default is 64 KiB, too small for nested
# command substitutions and wasi-libc's regexec).  Installs
# $(TOOLS_DIR)/bash/{tool.wasm,tool.json}.
BASH_GUEST_SRC := $(wildcard guest/bash/*.c)

$(TOOLS_DIR)/bash/tool.wasm: $(BASH_GUEST_SRC) $(wildcard guest/bash/*.h) $(GUEST_LIB)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) -Iguest/bash -Wl,-z,stack-size=4194304 -o $@ $(BASH_GUEST_SRC) $(GUEST_LIB) -lm

$(TOOLS_DIR)/bash/tool.json: guest/bash/tool.json
	@mkdir -p $(dir $@)
	cp $< $@

TOOLS_ALL += $(TOOLS_DIR)/bash/tool.wasm $(TOOLS_DIR)/bash/tool.json

# The same shell without the boxagnts:progress import: the one jco's
# preview1 command adapter can wrap (tests/component/t_adapted.sh).
$(BUILD)/tests/component/bash-plain.wasm: $(BASH_GUEST_SRC) $(wildcard guest/bash/*.h) $(GUEST_LIB)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) -DBX_PROGRESS_NONE -Iguest/bash -Wl,-z,stack-size=4194304 -o $@ $(BASH_GUEST_SRC) $(GUEST_LIB) -lm
TESTS_ALL += $(BUILD)/tests/component/bash-plain.wasm
