/* spectest.h — the "spectest" host module of the WebAssembly spec testsuite. */
#ifndef BX_TESTS_SPECTEST_H
#define BX_TESTS_SPECTEST_H

#include "boxagnts.h"

/* Creates the spectest functions, globals, table and memory in store s and
 * defines them in linker l under module name "spectest".  Returns the
 * number of items that could not be created or defined (0 on success);
 * a description of the first problem goes to why (size n). */
int spectest_define(bx_store *s, bx_linker *l, char *why, size_t n);

#endif
