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
#include <stdint.h>
#include "cJSON.h"

/* A growable byte buffer.  Allocation failure ends the tool with an
 * is_error result ("out of memory"), so callers never check. */
typedef struct tbuf { char *p; size_t len, cap; } tbuf;
void tbuf_put(tbuf *b, const void *s, size_t n);
void tbuf_puts(tbuf *b, const char *s);
void tbuf_printf(tbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tbuf_free(tbuf *b);
/* Room for n more bytes at b->p + b->len (the caller writes them and adds
 * what it wrote to b->len; the NUL terminator is then the caller's). */
char *tbuf_room(tbuf *b, size_t n);
/* Appends s[0..n) as the inside of a JSON string, escaped exactly as
 * cJSON's printer does ("\"", "\\", \b \f \n \r \t, other bytes below
 * 0x20 as \u00xx, everything else, bytes >= 0x80 included, as is), so the
 * result is byte-identical to cJSON_PrintUnformatted's.  NULs are escaped
 * too (\u0000): cutting at them is tool_result's rule, not this one's. */
void tbuf_put_json(tbuf *b, const void *s, size_t n);
/* Writes the escape of one byte that needs one (below 0x20, '"', '\\') at
 * o (2 or 6 bytes, returned). */
size_t tool_json_escape1(char *o, unsigned char c);
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the 8-byte scanners assume little-endian words (wasm32)"
#endif
/* The bytes of w (8 bytes, little-endian) that need a JSON escape (below
 * 0x20, '"' or '\\'): nonzero if one does, and its lowest set bit (0x80 of
 * a byte) marks the first that does.  Bits above the first may be wrong,
 * so the scanners use only the lowest. */
static inline uint64_t tool_json_special8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull;
    uint64_t q = w ^ (ones * '"'), s = w ^ (ones * '\\');
    return (((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((s - ones) & ~s)) & (ones * 0x80);
}

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
/* The same result, streamed: tool_json_begin starts b with the result
 * object's opening ({"content":"), the tool appends its content already
 * escaped (tbuf_put_json, or its own escaper with the same rules), and
 * tool_json_end closes the string, adds is_error and metadata (consumed)
 * and prints it all with one write.  Output identical to tool_result's
 * for the same content, without building a cJSON tree for the content. */
void tool_json_begin(tbuf *b);
_Noreturn void tool_json_end(tbuf *b, int is_error, cJSON *metadata);
/* Metadata written straight as JSON text into m (start empty), the bytes
 * cJSON_PrintUnformatted prints for the object the same cJSON_Add*ToObject
 * calls build: for tools whose own work costs less than a cJSON tree (two
 * mallocs a member, ~1,400 wasm instructions).  tool_json_end_meta then
 * ends the result with that object as metadata. */
void tmeta_num(tbuf *m, const char *key, double v);
void tmeta_str(tbuf *m, const char *key, const char *v);
void tmeta_bool(tbuf *m, const char *key, int v);
void tmeta_null(tbuf *m, const char *key);
_Noreturn void tool_json_end_meta(tbuf *b, int is_error, const tbuf *meta);
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
