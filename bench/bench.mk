# bench/bench.mk — `make bench` (included by the top-level Makefile; never
# part of `make test`).  Builds the driver against the library, then
# bench/run.sh builds the kernels (wasm32 + native) and prints the table.
# Keeps whatever default goal the including Makefile has.
BENCH_SAVED_GOAL := $(.DEFAULT_GOAL)
BUILD ?= build
BENCH_DIR := $(BUILD)/bench
BENCH_LIB := $(BUILD)/libboxagnts.a
BENCH_CC ?= $(or $(CC),cc)

$(BENCH_DIR)/bench: bench/bench.c include/boxagnts.h $(BENCH_LIB)
	@mkdir -p $(dir $@)
	$(BENCH_CC) -Iinclude -Isrc/aot -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -g \
	    -o $@ bench/bench.c $(BENCH_LIB) $(LDLIBS)

bench: $(BENCH_DIR)/bench $(CLI) $(CLI_GUESTS)
	BUILD=$(BUILD) BENCH_DRIVER=$(BENCH_DIR)/bench bench/run.sh
	BUILD=$(BUILD) bench/hello.sh

# The compiled tier against the interpreter, native code and wasm2c (bench/aot.sh).
bench-aot: $(BENCH_DIR)/bench
	BUILD=$(BUILD) BENCH_DRIVER=$(BENCH_DIR)/bench bench/aot.sh
bench: bench-aot

# In-process cost of one sandboxed hello world (bench/inproc.c).
$(BENCH_DIR)/inproc: bench/inproc.c include/boxagnts.h $(BENCH_LIB)
	@mkdir -p $(dir $@)
	$(BENCH_CC) -Iinclude -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -g -o $@ bench/inproc.c $(BENCH_LIB) $(LDLIBS)
bench-inproc: $(BENCH_DIR)/inproc $(CLI_GUESTS)
	$(BENCH_DIR)/inproc $(BUILD)/tests/cli/hello.wasm 2000
bench: bench-inproc

# Vectorizable kernels, their scalar and -msimd128 builds (bench/simd.sh).
bench-simd: $(BENCH_DIR)/bench
	BUILD=$(BUILD) BENCH_DRIVER=$(BENCH_DIR)/bench bench/simd.sh
bench: bench-simd

# A component tool (jco-adapted hello and file-read) against the core module
# and `jco run` (bench/component.sh).
bench-component: $(CLI) $(CLI_GUESTS)
	BUILD=$(BUILD) bench/component.sh
bench: bench-component

# The compiled tier on the big tools: js-execute against native QuickJS, bash
# grep -rn against the host, compile time per MiB, cached load (bench/aot_tools.sh).
bench-aot-tools: $(BENCH_DIR)/bench $(CLI) $(TOOLS_DIR)/js-execute/tool.wasm $(TOOLS_DIR)/bash/tool.wasm
	BUILD=$(BUILD) BENCH_DRIVER=$(BENCH_DIR)/bench bench/aot_tools.sh
bench: bench-aot-tools

.PHONY: bench bench-inproc bench-simd bench-aot bench-component bench-aot-tools
.DEFAULT_GOAL := $(BENCH_SAVED_GOAL)
