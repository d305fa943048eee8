# scripts/wasm32.mk — the wasm32-wasi toolchain every guest build shares
# (guest/*.mk, tests/*/*.mk): clang-14 with Debian's wasi-libc as sysroot.
# Included by the top Makefile before the guest and test .mk files, which
# use these names in their rules.
#
# clang-14 finds libc under <sysroot>/lib/wasm32-wasi and headers under
# <sysroot>/include; the builtins come from libclang-rt-dev-wasm32.
WASM_CC         ?= clang-14
WASI_SYSROOT    := $(BUILD)/wasi-sysroot
WASM_CFLAGS     ?= -O2 -Wall -Wextra -Werror
# Where the WASI guests and their host drivers go (tests/wasi/wasi.mk;
# tests/sandbox and tests/nodediff build guests there too).
WASI_GUEST_DIR  := $(BUILD)/tests/wasi

$(WASI_SYSROOT)/.stamp:
	@mkdir -p $(WASI_SYSROOT)/lib
	ln -sfn /usr/include/wasm32-wasi $(WASI_SYSROOT)/include
	ln -sfn /usr/lib/wasm32-wasi $(WASI_SYSROOT)/lib/wasm32-wasi
	@touch $@
