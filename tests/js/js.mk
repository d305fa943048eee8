# tests/js/js.mk — the js-execute tests (tests/js/t_js.sh needs only the CLI
# and the tool, which TOOLS_ALL builds) and `make bench-js`, part of
# `make bench` (bench/js.sh: wasm vs native QuickJS vs node:wasi).
TESTS_ALL += $(TOOLS_DIR)/js-execute/tool.wasm $(TOOLS_DIR)/js-execute/tool.json

bench: bench-js
bench-js: $(CLI) $(TOOLS_DIR)/js-execute/tool.wasm $(TOOLS_DIR)/js-execute/tool.json $(JS_SRC)/.stamp
	BUILD=$(BUILD) bench/js.sh

.PHONY: bench-js
