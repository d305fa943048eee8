/*
 * guest/common/tool.h — the runtime every built-in tool links (C compiled to
 * wasm32-wasi).  The protocol between a tool module and the host:
 *
 *   stdin   one JSON object: the call's input (already checked against the
 *           tool's input_schema by the host: required fields and types)
 *   stdout  one JSON object: {"content": string, "is_error": bool,
 *           "metadata": object|null}
 *   exit    0 whenever a result was printed (is_error says how the call went);
 *           anything else, or a trap, and the host makes an is_error result
 *
 * JSON is Debian's cJSON, compiled from its source package (guest/guest.mk).
 */
#ifndef BX_GUEST_TOOL_H
#define BX_GUEST_TOOL_H
#include <stdarg.h>
#include <stddef.h>
#include "cJSON.h"

/* A growable byte buffer.  Allocation failure ends the tool with an
 * is_error result ("out of memory"), so callers never check. */
typedef struct tbuf { char *p; size_t len, cap; } tbuf;
void tbuf_put(tbuf *b, const void *s, size_t n);
void tbuf_puts(tbuf *b, const char *s);
void tbuf_printf(tbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tbuf_free(tbuf *b);

/* Reads stdin to the end and parses it; not an object -> is_error result
 * and exit.  The caller owns the tree (cJSON_Delete), or just exits. */
cJSON *tool_input(void);

/* Whether the input held a \u0000 escape in some string.  cJSON strings
 * end at the first NUL, so a tool that must not lose data silently (a file
 * write) refuses such input. */
int tool_input_had_nul(void);

/* Field access with defaults (absent or null -> def). */
const char *tool_str(const cJSON *in, const char *key, const char *def);
double tool_num(const cJSON *in, const char *key, double def);
int tool_bool(const cJSON *in, const char *key, int def);

/* Print the result object and exit(0).  metadata may be NULL; it is
 * consumed.  content need not be NUL-terminated. */
_Noreturn void tool_result(const char *content, size_t len, int is_error, cJSON *metadata);
_Noreturn void tool_ok(const char *content, cJSON *metadata);
_Noreturn void tool_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A sentence for errno e about path, for is_error results: "No such file:
 * /workspace/x", "Permission denied by the sandbox: /etc/passwd is outside
 * every granted directory (grant read:/etc to allow it)", ... */
const char *tool_errno_text(int e, const char *path, const char *verb);

/* hint.c: for a path the sandbox refused (mode "read" or "write"), the
 * advice that would work: a grant, or what the operator must change. */
void tool_denied_hint(const char *path, const char *mode, char *out, size_t cap);

#endif
