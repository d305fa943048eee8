# scripts/install.mk — `make install` and `make uninstall` (included by the
# top Makefile).  GNU conventions: PREFIX (default /usr/local), DESTDIR for
# staged installs (Debian's dh_auto_install passes DESTDIR=debian/tmp).
#
#   PREFIX/bin/boxagnts                   the CLI
#   PREFIX/lib/boxagnts/tools/<name>/     the built-in tools (tool.json, tool.wasm);
#                                         the binary finds them relative to its own
#                                         location (src/cli/tooldirs.c), so the
#                                         whole tree may be moved after install
#   PREFIX/lib/libboxagnts.a              the library (static only: no ABI promise
#                                         yet; the .pc lists its -l dependencies)
#   PREFIX/include/boxagnts.h             its public header
#   PREFIX/lib/pkgconfig/boxagnts.pc      prefix=${pcfiledir}/../.., so it is
#                                         relocatable too
#
# `make uninstall` removes exactly these (and PREFIX/lib/boxagnts entirely:
# it is ours), then those of the standard directories it leaves empty.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
INSTALL    ?= install
# Not under LIBDIR: the binary looks in BINDIR/../lib/boxagnts/tools, also
# when LIBDIR is a multiarch directory (lib/x86_64-linux-gnu).
BX_TOOLS_DEST := $(PREFIX)/lib/boxagnts/tools
# The .pc file is relocatable (paths from ${pcfiledir}) in the default
# layout, absolute when LIBDIR or INCLUDEDIR were moved elsewhere.
ifeq ($(LIBDIR)|$(PKGCONFIGDIR)|$(INCLUDEDIR),$(PREFIX)/lib|$(PREFIX)/lib/pkgconfig|$(PREFIX)/include)
BX_PC_PREFIX := $${pcfiledir}/../..
BX_PC_LIBDIR := $${prefix}/lib
BX_PC_INCDIR := $${prefix}/include
else
BX_PC_PREFIX := $(PREFIX)
BX_PC_LIBDIR := $(LIBDIR)
BX_PC_INCDIR := $(INCLUDEDIR)
endif

install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(BX_TOOLS_DEST)
	$(INSTALL) -m 755 $(CLI) $(DESTDIR)$(BINDIR)/boxagnts
	$(INSTALL) -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libboxagnts.a
	$(INSTALL) -m 644 include/boxagnts.h $(DESTDIR)$(INCLUDEDIR)/boxagnts.h
	@set -e; n=0; for d in $(TOOLS_DIR)/*/; do \
	    t=$$(basename $$d); \
	    [ -f $$d/tool.json ] && [ -f $$d/tool.wasm ] || continue; \
	    $(INSTALL) -d $(DESTDIR)$(BX_TOOLS_DEST)/$$t; \
	    $(INSTALL) -m 644 $$d/tool.json $$d/tool.wasm $(DESTDIR)$(BX_TOOLS_DEST)/$$t/; \
	    n=$$((n+1)); \
	done; \
	[ $$n -gt 0 ] || { echo "make install: no built tools in $(TOOLS_DIR)" >&2; exit 1; }; \
	echo "installed $$n tools in $(DESTDIR)$(BX_TOOLS_DEST)"
	@printf '%s\n' \
	    'prefix=$(BX_PC_PREFIX)' \
	    'libdir=$(BX_PC_LIBDIR)' \
	    'includedir=$(BX_PC_INCDIR)' \
	    '' \
	    'Name: boxagnts' \
	    'Description: default-deny WebAssembly sandbox for AI agents'"'"' tools' \
	    'Version: $(BOXAGNTS_PC_VERSION)' \
	    'Cflags: -I$${includedir}' \
	    'Libs: -L$${libdir} -lboxagnts -lcjson -ldl -lm -lpthread$(if $(SANFLAGS), $(SANFLAGS))' \
	    > $(DESTDIR)$(PKGCONFIGDIR)/boxagnts.pc
	@chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/boxagnts.pc
	@echo "installed $(DESTDIR)$(PKGCONFIGDIR)/boxagnts.pc"

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/boxagnts $(DESTDIR)$(LIBDIR)/libboxagnts.a \
	    $(DESTDIR)$(INCLUDEDIR)/boxagnts.h $(DESTDIR)$(PKGCONFIGDIR)/boxagnts.pc
	rm -rf $(DESTDIR)$(PREFIX)/lib/boxagnts
	@for d in $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PREFIX)/lib \
	    $(DESTDIR)$(BINDIR) $(DESTDIR)$(INCLUDEDIR); do rmdir $$d 2>/dev/null || true; done

BOXAGNTS_PC_VERSION := $(shell sed -n 's/^\#define BOXAGNTS_VERSION "\(.*\)"/\1/p' src/cli/cli.h)

.PHONY: install uninstall
