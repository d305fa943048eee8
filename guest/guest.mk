# guest/guest.mk — the built-in tools' shared guest runtime and the generic
# tool build.  Included by the top Makefile after scripts/wasm32.mk (which
# defines WASM_CC, WASI_SYSROOT and its stamp).
#
# cJSON comes from Debian's *source* package (scripts/debsrc.sh: a private
# apt configuration under $(BUILD)/debsrc, checksums verified, fetched once)
# and is compiled to wasm32 here, with guest/common/tool.c, into
# $(GUEST_LIB).  The host uses the same library from libcjson-dev.
#
# Every guest/<name>/ with a tool.json and no guest/<name>/<name>.mk is a
# simple tool: its *.c files linked with $(GUEST_LIB) become
# $(BUILD)/tools/<name>/tool.wasm, next to a copy of its tool.json.  Tools
# with a build of their own (bash, js, web-fetch) keep it in their .mk and
# install the same two files.
GUEST_DEB_SUITE ?= bookworm
GUEST_OBJ_DIR   := $(BUILD)/guest
CJSON_DIR       := $(GUEST_OBJ_DIR)/cjson
GUEST_LIB       := $(GUEST_OBJ_DIR)/libguest.a
GUEST_CC        := $(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT)
GUEST_CFLAGS    := -O2 -g0 -Wall -Wextra -Werror -Iguest/common -I$(CJSON_DIR)
GUEST_AR        ?= $(shell command -v llvm-ar-14 || command -v llvm-ar || echo ar)
TOOLS_DIR       := $(BUILD)/tools
# wasm-ld's default stack is 64 KiB, below the data: an overflow silently
# corrupts static data.  1 MiB, placed first, so an overflow traps at once.
GUEST_LDFLAGS   := -Wl,-z,stack-size=1048576 -Wl,--stack-first

# Unpacked source, exposed at a fixed path ($(CJSON_DIR)/cJSON.{c,h}).
$(CJSON_DIR)/.stamp: scripts/debsrc.sh
	@mkdir -p $(CJSON_DIR)
	src=$$(scripts/debsrc.sh cjson $(GUEST_DEB_SUITE) $(BUILD)/debsrc) && \
	    cp "$$src/cJSON.c" "$$src/cJSON.h" $(CJSON_DIR)/
	@touch $@

$(GUEST_OBJ_DIR)/cJSON.o: $(CJSON_DIR)/.stamp $(WASI_SYSROOT)/.stamp
	$(GUEST_CC) -O2 -g0 -c $(CJSON_DIR)/cJSON.c -o $@

$(GUEST_OBJ_DIR)/common/%.o: guest/common/%.c guest/common/tool.h $(CJSON_DIR)/.stamp $(WASI_SYSROOT)/.stamp
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) -c $< -o $@

GUEST_COMMON_OBJ := $(patsubst guest/common/%.c,$(GUEST_OBJ_DIR)/common/%.o,$(wildcard guest/common/*.c))

$(GUEST_LIB): $(GUEST_OBJ_DIR)/cJSON.o $(GUEST_COMMON_OBJ)
	rm -f $@ && $(GUEST_AR) rcs $@ $^

# ---- simple tools ----------------------------------------------------------
GUEST_SIMPLE := $(foreach d,$(wildcard guest/*/tool.json),$(if $(wildcard $(dir $(d))$(notdir $(patsubst %/,%,$(dir $(d)))).mk),,$(notdir $(patsubst %/,%,$(dir $(d))))))

define GUEST_SIMPLE_RULES
$(TOOLS_DIR)/$(1)/tool.wasm: $(wildcard guest/$(1)/*.c guest/$(1)/*.h) $(GUEST_LIB)
	@mkdir -p $$(dir $$@)
	$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) -Iguest/$(1) -o $$@ $(wildcard guest/$(1)/*.c) $(GUEST_LIB)
$(TOOLS_DIR)/$(1)/tool.json: guest/$(1)/tool.json
	@mkdir -p $$(dir $$@)
	cp $$< $$@
TOOLS_ALL += $(TOOLS_DIR)/$(1)/tool.wasm $(TOOLS_DIR)/$(1)/tool.json
endef
$(foreach t,$(GUEST_SIMPLE),$(eval $(call GUEST_SIMPLE_RULES,$(t))))
