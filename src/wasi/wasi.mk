# src/wasi/wasi.mk — the WASI preview1 layer: sources, guest test programs
# (C -> wasm32-wasi with clang + Debian's wasi-libc), host test drivers.
#
# Include it from the top Makefile after CC/CFLAGS/WARN/CPPFLAGS/BUILD/LIB
# are defined (anywhere after those; it only adds rules):
#
#     include src/wasi/wasi.mk
#     test: test-wasi
#
# It adds $(WASI_OBJ) to $(LIB) as extra prerequisites, so the existing
# `ar rcs $@ $^` recipe archives them (or add $(WASI_SRC) to LIB_SRC).

WASI_MAKEFILES := $(filter-out %.d,$(MAKEFILE_LIST))
WASI_SRC  := $(wildcard src/wasi/*.c)
WASI_OBJ  := $(WASI_SRC:%.c=$(BUILD)/%.o)

$(LIB): $(WASI_OBJ)
-include $(WASI_OBJ:.o=.d)

# ---- guest programs --------------------------------------------------------
# clang-14 finds libc under <sysroot>/lib/wasm32-wasi and headers under
# <sysroot>/include; the builtins come from libclang-rt-dev-wasm32.
WASM_CC         ?= clang-14
WASI_SYSROOT    := $(BUILD)/wasi-sysroot
WASI_GUEST_DIR  := $(BUILD)/tests/wasi
WASM_CFLAGS     ?= -O2 -Wall -Wextra -Werror
WASI_GUESTS     := $(WASI_GUEST_DIR)/basic.wasm $(WASI_GUEST_DIR)/fs.wasm \
                   $(WASI_GUEST_DIR)/escape.wasm

$(WASI_SYSROOT)/.stamp:
	@mkdir -p $(WASI_SYSROOT)/lib
	ln -sfn /usr/include/wasm32-wasi $(WASI_SYSROOT)/include
	ln -sfn /usr/lib/wasm32-wasi $(WASI_SYSROOT)/lib/wasm32-wasi
	@touch $@

$(WASI_GUEST_DIR)/%.wasm: tests/wasi/guest/%.c tests/wasi/guest/check.h $(WASI_SYSROOT)/.stamp
	@mkdir -p $(dir $@)
	$(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) $(WASM_CFLAGS) -Itests/wasi/guest $< -o $@

$(WASI_GUEST_DIR)/%.wasm: tests/wasi/escape/%.c tests/wasi/guest/check.h $(WASI_SYSROOT)/.stamp
	@mkdir -p $(dir $@)
	$(WASM_CC) --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) $(WASM_CFLAGS) -Itests/wasi/guest $< -o $@

# ---- host test drivers -----------------------------------------------------
WASI_TESTS := $(WASI_GUEST_DIR)/test_wasi $(WASI_GUEST_DIR)/test_path

$(WASI_GUEST_DIR)/test_%: tests/wasi/test_%.c tests/check.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

test-wasi: $(WASI_TESTS) $(WASI_GUESTS)
	$(WASI_GUEST_DIR)/test_path
	$(WASI_GUEST_DIR)/test_wasi $(WASI_GUEST_DIR)

# Same suite under AddressSanitizer + UBSan, in its own build directory.
test-wasi-asan:
	$(MAKE) $(addprefix -f ,$(WASI_MAKEFILES)) BUILD=$(BUILD)/asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" test-wasi

.PHONY: test-wasi test-wasi-asan
