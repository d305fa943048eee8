# guest/js-execute/js-execute.mk — the js-execute tool: QuickJS from Debian's
# source package `quickjs` (trixie), compiled to wasm32-wasi with our
# main.c + prelude.js, installed as $(TOOLS_DIR)/js-execute/{tool.wasm,tool.json}.
#
# The pristine source comes from scripts/debsrc.sh (checksums verified against
# the .dsc, cached under $(BUILD)/debsrc) and is copied to $(JS_SRC), where the
# few changes Debian's 2022 wasi-libc needs are made by sed; each change is
# checked afterwards so a new upstream version fails loudly instead of
# silently compiling something else:
#   quickjs.c  no Atomics for __wasi__ (they need pthread.h, absent there);
#              malloc_usable_size from <malloc.h> for __wasi__ as on Linux
#   dtoa.c     includes <setjmp.h> (absent there) without using it
# Nothing modified is committed.
JS_SUITE   := trixie
JS_DIR     := $(BUILD)/guest/js-execute
JS_SRC     := $(JS_DIR)/src
JS_QJS     := quickjs libregexp libunicode cutils dtoa
JS_OBJ     := $(JS_QJS:%=$(JS_DIR)/%.o)
# The wasm stack in linear memory (below the data, --stack-first, so an
# overflow traps instead of corrupting data); main.c gives QuickJS this size
# less a margin, so deep recursion is a catchable RangeError first.
JS_STACK   := 2097152
# -mbulk-memory: clang lowers QuickJS's memcpy/memmove/memset of a size not
# known at compile time to memory.copy/memory.fill (both tiers run them as
# one host memmove/memset, and charge one fuel unit per 64 bytes) instead of
# a call to wasi-libc's word-at-a-time loops (issue 17: memcpy was 5-10x its
# native cost in the compiled tier on string and regex workloads).
JS_CFLAGS  := -O2 -g0 -w -mbulk-memory -ffile-prefix-map=$(JS_SRC)/= -D_GNU_SOURCE -DCONFIG_VERSION=\"2025-04-26\"
JS_LDFLAGS := -Wl,-z,stack-size=$(JS_STACK) -Wl,--stack-first

$(JS_SRC)/.stamp: scripts/debsrc.sh guest/js-execute/js-execute.mk
	rm -rf $(JS_SRC) && mkdir -p $(JS_SRC)
	src=$$(scripts/debsrc.sh quickjs $(JS_SUITE) $(BUILD)/debsrc) && \
	    cp "$$src"/*.c "$$src"/*.h "$$src"/VERSION $(JS_SRC)/
	grep -qx '2025-04-26' $(JS_SRC)/VERSION || { echo "js-execute.mk: expected QuickJS 2025-04-26, got $$(cat $(JS_SRC)/VERSION)" >&2; exit 1; }
	sed -i 's|^#define CONFIG_ATOMICS$$|#ifndef __wasi__\n#define CONFIG_ATOMICS\n#endif|' $(JS_SRC)/quickjs.c
	sed -i 's,^#elif defined(__linux__) || defined(__GLIBC__)$$,& || defined(__wasi__),' $(JS_SRC)/quickjs.c
	sed -i '/^#include <setjmp.h>$$/d' $(JS_SRC)/dtoa.c
	grep -q '^#ifndef __wasi__$$' $(JS_SRC)/quickjs.c
	test "$$(grep -c 'defined(__GLIBC__) || defined(__wasi__)$$' $(JS_SRC)/quickjs.c)" -ge 1
	! grep -q 'setjmp' $(JS_SRC)/dtoa.c
	@touch $@

$(JS_DIR)/%.o: $(JS_SRC)/.stamp $(WASI_SYSROOT)/.stamp
	$(GUEST_CC) $(JS_CFLAGS) -c $(JS_SRC)/$*.c -o $@

# prelude.js as QuickJS bytecode, made by a host build of the same QuickJS
# (prelude_gen.c); loading it is much cheaper than compiling the source at
# every start.
JS_HOST_DIR := $(JS_DIR)/host
$(JS_HOST_DIR)/prelude_gen: guest/js-execute/prelude_gen.c $(JS_SRC)/.stamp
	@mkdir -p $(dir $@)
	$(CC) -O1 -w -D_GNU_SOURCE -DCONFIG_VERSION=\"2025-04-26\" -isystem $(JS_SRC) -o $@ $< \
	    $(JS_QJS:%=$(JS_SRC)/%.c) -lm -lpthread

$(JS_DIR)/prelude.h: guest/js-execute/prelude.js $(JS_HOST_DIR)/prelude_gen
	$(JS_HOST_DIR)/prelude_gen $< > $@.tmp && mv $@.tmp $@

$(JS_DIR)/main.o: guest/js-execute/main.c guest/js-execute/js-execute.mk $(JS_DIR)/prelude.h guest/common/tool.h $(JS_SRC)/.stamp $(CJSON_DIR)/.stamp $(WASI_SYSROOT)/.stamp
	$(GUEST_CC) $(GUEST_CFLAGS) -DQJS_STACK=$(JS_STACK) -isystem $(JS_SRC) -I$(JS_DIR) -c $< -o $@

$(TOOLS_DIR)/js-execute/tool.wasm: $(JS_DIR)/main.o $(JS_OBJ) $(GUEST_LIB)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(JS_LDFLAGS) -o $@ $(JS_DIR)/main.o $(JS_OBJ) $(GUEST_LIB) -lm

$(TOOLS_DIR)/js-execute/tool.json: guest/js-execute/tool.json
	@mkdir -p $(dir $@)
	cp $< $@

TOOLS_ALL += $(TOOLS_DIR)/js-execute/tool.wasm $(TOOLS_DIR)/js-execute/tool.json
