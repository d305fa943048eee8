# BoxAgnts build.
#
#   make             library (build/libboxagnts.a), CLI (build/boxagnts), sample module
#   make test        scripts/setup.sh, then build and run every test (tests/run.sh)
#   make test-asan   the same with ASan+UBSan, in build-asan/
#   make bench       benchmarks (bench/bench.mk)      make fuzz   fuzzer (fuzz/fuzz.mk)
#   make install     PREFIX=/usr/local (DESTDIR honoured); make uninstall
#   make clean
#
# Variables you may set: CC, OPT, CFLAGS, BUILD, SPEC_SUITE, SAN=1.
CC      ?= cc
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
WARN    := -Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE
CPPFLAGS += -Iinclude -Isrc/wasm -Isrc/aot -Isrc/wasi -Isrc/component -Isrc/net -Isrc/sandbox -Isrc/confine -Isrc/tools
BUILD   ?= build
LDLIBS  := -lcjson -ldl -lm -lpthread
SPEC_SUITE ?= ../shared/spec-testsuite
ASAN_BUILD ?= build-asan
WAT2WASM ?= wat2wasm

ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif
# Hidden by default: only what include/boxagnts.h marks BX_API is exported.
ALL_CFLAGS := $(WARN) -fvisibility=hidden $(CFLAGS) $(SANFLAGS)
ALL_LDFLAGS := $(LDFLAGS) $(SANFLAGS)

# Library layers, bottom up (DESIGN.md); each is a directory of src/.
LAYERS  := wasm aot wasi component net sandbox confine tools server
LIB_SRC := $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB     := $(BUILD)/libboxagnts.a
CLI     := $(BUILD)/boxagnts

SAMPLES := $(patsubst samples/%.wat,$(BUILD)/samples/%.wasm,$(wildcard samples/*.wat))

.DEFAULT_GOAL := all
all: $(LIB) $(CLI) $(SAMPLES)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# Each layer's sources see only their own folder and include/boxagnts.h
# (tests and tools keep the full CPPFLAGS).  A layer that must see another's
# private header says so in one line, e.g. LAYER_SEES_aot := src/wasm.
LAYER_SEES_cli := src/confine src/aot
LAYER_SEES_aot := src/wasm $(BUILD)/src/aot
LAYER_SEES_sandbox := src/aot src/component
LAYER_SEES_component := src/wasm src/wasi
LAYER_SEES_server := src/confine
LAYER_SEES_tools := src/component src/aot
$(foreach l,$(LAYERS) cli,$(eval $(BUILD)/src/$(l)/%.o: CPPFLAGS := -Iinclude -Isrc/$(l) $(addprefix -I,$(LAYER_SEES_$(l)))))

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

CLI_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(wildcard src/cli/*.c))
$(CLI): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS)

# Sample modules (text in samples/, binaries only under $(BUILD)).
$(BUILD)/samples/%.wasm: samples/%.wat
	@mkdir -p $(dir $@)
	@command -v $(WAT2WASM) >/dev/null 2>&1 || scripts/setup.sh
	$(WAT2WASM) $< -o $@

# The wasm32-wasi toolchain the guest and test .mk files share.
include scripts/wasm32.mk
include src/aot/aot.mk
# The tools compiled to native code into the cache of the user who runs it:
# not part of `all` (entries are signed with a per-user key; see
# src/cli/precompile.c).
precompile: all
	$(CLI) tool precompile
.PHONY: precompile
# The guest tools (guest/guest.mk first: the shared runtime and cJSON, then
# one .mk per tool) and the test areas (tests/<area>/<area>.mk).  Each adds
# what `make` builds to TOOLS_ALL and what `make tests` needs to TESTS_ALL;
# tests/run.sh runs every tests/<area>/t_*.sh.
TOOLS_ALL =
TESTS_ALL =
include $(wildcard guest/*.mk) $(wildcard guest/*/*.mk) $(wildcard tests/*/*.mk)
all: $(TOOLS_ALL)

setup:
	@scripts/setup.sh

tests: $(LIB) $(CLI) $(SAMPLES) $(TOOLS_ALL) $(TESTS_ALL)

test: setup
	@$(MAKE) --no-print-directory tests
	@BUILD=$(BUILD) SPEC_SUITE=$(SPEC_SUITE) tests/run.sh

check: test

# The main job: sandboxed tool calls on a copy of samples/workspace.
demo: setup
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) scripts/demo.sh

test-asan:
	@$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) SAN=1 test

clean:
	rm -rf build build-asan $(BUILD) $(ASAN_BUILD)

.PHONY: all setup tests test check demo test-asan clean
-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# `make install` / `make uninstall` (PREFIX, DESTDIR).
include scripts/install.mk

# `make bench` and `make fuzz` live with their owners.
-include bench/bench.mk fuzz/fuzz.mk
