# tests/bash/bash.mk — the bash tool's tests and benchmark.
#
# A native (gcc) build of the same shell for fast debugging:
#   make build/tests/bash/bash-native && build/tests/bash/bash-native -c 'echo hi'
# The differential suite (t_bash.sh) itself always runs the wasm tool.
BASH_NATIVE := $(BUILD)/tests/bash/bash-native
BASH_SRC    := $(wildcard guest/bash/*.c)

$(BASH_NATIVE): $(BASH_SRC) $(wildcard guest/bash/*.h) guest/common/tool.c guest/common/hint.c guest/common/tool.h
	@mkdir -p $(dir $@)
	$(CC) -O1 -g -Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE -DENOTCAPABLE=76 -Iguest/common -Iguest/bash -I/usr/include/cjson \
	    $(SANFLAGS) -o $@ $(BASH_SRC) guest/common/tool.c guest/common/hint.c -lcjson -lm

TESTS_ALL += $(TOOLS_DIR)/bash/tool.wasm $(TOOLS_DIR)/bash/tool.json $(BASH_NATIVE)

.PHONY: bench-bash
bench-bash: $(CLI) $(TOOLS_DIR)/bash/tool.wasm $(TOOLS_DIR)/bash/tool.json
	BUILD=$(BUILD) bench/bash.sh
bench: bench-bash
