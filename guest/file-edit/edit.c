/*
 * guest/file-edit/edit.c — file-edit: replace an exact string in a file,
 * once (it must then be unique) or everywhere (replace_all), atomically.
 *
 * When old_string is not found, the error carries a hint an agent can act
 * on: the text matches if whitespace is ignored (indentation, tabs, trailing
 * spaces), or the closest line.  A file with CRLF line endings matches an
 * old_string written with plain \n (agents see file-read's output without
 * the \r); the replacement then gets CRLF too.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tool.h"
#include "toolfs.h"

#define FILE_MAX  (64u << 20)
#define HINT_MAX  (8u << 20)       /* files larger than this get no whitespace hint */

static size_t count(const char *h, size_t hn, const char *n, size_t nn, size_t *first)
{
    size_t c = 0;
    const char *p = h, *end = h + hn;
    while ((size_t)(end - p) >= nn) {
        const char *q = memmem(p, (size_t)(end - p), n, nn);
        if (!q) break;
        if (!c && first) *first = (size_t)(q - h);
        c++;
        p = q + nn;
    }
    return c;
}

static size_t line_of(const char *p, size_t off)
{
    size_t l = 1;
    for (size_t i = 0; i < off; i++) l += p[i] == '\n';
    return l;
}

/* s with every \n not preceded by \r turned into \r\n. */
static char *to_crlf(const char *s)
{
    tbuf b = {0};
    for (const char *p = s; *p; p++) {
        if (*p == '\n' && (p == s || p[-1] != '\r')) tbuf_put(&b, "\r", 1);
        tbuf_put(&b, p, 1);
    }
    if (!b.p) tbuf_put(&b, "", 0);
    return b.p;
}

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

/* Whitespace runs become one space; *lines (when given) maps each output
 * byte to its line in the input. */
static tbuf squeeze(const char *p, size_t n, unsigned **lines)
{
    tbuf b = {0};
    unsigned *map = lines ? malloc((n + 1) * sizeof *map) : NULL;
    unsigned line = 1;
    int in_ws = 1;                      /* leading whitespace is dropped */
    for (size_t i = 0; i < n; i++) {
        if (is_ws(p[i])) {
            if (!in_ws) {
                if (map) map[b.len] = line;
                tbuf_put(&b, " ", 1);
            }
            in_ws = 1;
        } else {
            if (map) map[b.len] = line;
            tbuf_put(&b, p + i, 1);
            in_ws = 0;
        }
        if (p[i] == '\n') line++;
    }
    while (b.len && b.p[b.len - 1] == ' ') b.len--;
    if (!b.p) tbuf_put(&b, "", 0);
    if (lines) *lines = map;
    return b;
}

static size_t levenshtein(const char *a, size_t an, const char *b, size_t bn, size_t *row)
{
    for (size_t j = 0; j <= bn; j++) row[j] = j;
    for (size_t i = 1; i <= an; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= bn; j++) {
            size_t up = row[j];
            size_t v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v) v = up + 1;
            if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
        }
    }
    return row[bn];
}

static void trim(const char **p, size_t *n)
{
    while (*n && is_ws(**p)) (*p)++, (*n)--;
    while (*n && is_ws((*p)[*n - 1])) (*n)--;
}

/* The hint for an old_string that is not in the file. */
static void not_found_hint(tbuf *msg, const char *file, size_t fn, const char *old)
{
    size_t on = strlen(old);
    if (fn <= HINT_MAX) {
        unsigned *map = NULL;
        tbuf sf = squeeze(file, fn, &map), so = squeeze(old, on, NULL);
        size_t at = 0;
        size_t c = so.len ? count(sf.p, sf.len, so.p, so.len, &at) : 0;
        if (c) {
            tbuf_printf(msg, " It does match at line %u if whitespace is ignored: the indentation, tabs vs spaces, "
                        "line breaks or trailing spaces differ. Copy the exact text from file-read (without the "
                        "line-number prefix).", map[at]);
            free(map), tbuf_free(&sf), tbuf_free(&so);
            return;
        }
        free(map), tbuf_free(&sf), tbuf_free(&so);
    }
    if (strstr(old, "\r\n") && !memmem(file, fn, "\r\n", 2)) {
        tbuf_puts(msg, " Note: old_string contains \\r\\n but the file has \\n line endings.");
        return;
    }
    /* The file line closest to old_string's first non-blank line. */
    const char *want = old, *nl;
    size_t wn = 0;
    for (const char *p = old; *p; p = nl + 1) {
        nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        const char *q = p;
        trim(&q, &n);
        if (n) { want = q, wn = n; break; }
        if (!nl) break;
    }
    if (!wn || wn > 400 || fn > HINT_MAX) return;
    size_t *row = malloc((401 + 1) * sizeof *row);
    size_t best = (size_t)-1, best_line = 0, line = 1;
    const char *best_p = NULL;
    size_t best_n = 0;
    for (const char *p = file, *end = file + fn; p < end; line++) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
        const char *q = p;
        trim(&q, &n);
        if (n && n <= 400) {
            size_t lo = n > wn ? n - wn : wn - n;    /* a lower bound of the distance */
            if (lo < best) {
                size_t d = levenshtein(want, wn, q, n, row);
                if (d < best) best = d, best_line = line, best_p = q, best_n = n;
            }
        }
        if (!e) break;
        p = e + 1;
    }
    free(row);
    size_t longer = best_n > wn ? best_n : wn;
    if (best_p && best * 2 <= longer)
        tbuf_printf(msg, " The closest line is %zu: \"%.*s\".", best_line, (int)(best_n > 200 ? 200 : best_n), best_p);
}

int main(void)
{
    cJSON *in = tool_input();
    const char *arg = tool_str(in, "file_path", NULL);
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(in, "old_string");
    const cJSON *nw = cJSON_GetObjectItemCaseSensitive(in, "new_string");
    int all = tool_bool(in, "replace_all", 0);
    if (!arg || !*arg) tool_fail("file_path is required: the file to edit, e.g. /workspace/src/main.c");
    if (!cJSON_IsString(o)) tool_fail("old_string is required and must be a string: the exact text to replace");
    if (!cJSON_IsString(nw)) tool_fail("new_string is required and must be a string: the text to put instead");
    const char *old = o->valuestring, *new = nw->valuestring;
    if (tool_input_had_nul())
        tool_fail("The input contains a NUL character (\\u0000) in a string; this tool writes text only and "
                  "would lose everything after it, so nothing was written");
    if (!*old) tool_fail("old_string is empty; give the exact text to replace (to create a file, use file-write)");
    if (strcmp(old, new) == 0) tool_fail("old_string and new_string are identical; there is nothing to change");

    char *given = tfs_guest_path(arg), *path;
    int e = tfs_follow_links(given, &path);
    if (e == ENOTCAPABLE && strcmp(path, given) != 0)
        tool_fail("Permission denied by the sandbox: %s is a symbolic link to %s, outside the granted "
                  "directories; nothing was changed", given, path);
    if (e) tool_fail("%s", tool_errno_text(e, given, "read"));

    tbuf f = {0};
    struct stat st;
    if ((e = tfs_read_file(path, &f, FILE_MAX, &st)) != 0) {
        if (e == EFBIG) tool_fail("%s is larger than %u MiB; file-edit does not edit files that large", path, FILE_MAX >> 20);
        if (e == EISDIR) tool_fail("%s is a directory, not a file", path);
        tool_fail("%s", tool_errno_text(e, path, "read"));
    }
    if (!S_ISREG(st.st_mode)) tool_fail("%s is not a regular file", path);

    size_t first = 0, on = strlen(old);
    size_t n = count(f.p, f.len, old, on, &first);
    int crlf = 0;
    if (!n && strchr(old, '\n') && !strstr(old, "\r\n") && memmem(f.p, f.len, "\r\n", 2)) {
        char *o2 = to_crlf(old);
        size_t n2 = count(f.p, f.len, o2, strlen(o2), &first);
        if (n2) old = o2, on = strlen(o2), new = to_crlf(new), n = n2, crlf = 1;
    }
    if (!n) {
        tbuf msg = {0};
        tbuf_printf(&msg, "old_string was not found in %s (it must match exactly, including whitespace; the file "
                    "is unchanged).", path);
        not_found_hint(&msg, f.p, f.len, old);
        tool_result(msg.p, msg.len, 1, NULL);
    }
    if (n > 1 && !all) {
        tbuf msg = {0};
        tbuf_printf(&msg, "old_string occurs %zu times in %s (at lines", n, path);
        const char *p = f.p;
        size_t shown = 0, line = 1, scanned = 0;
        while (shown < 10) {
            const char *q = memmem(p, f.len - (size_t)(p - f.p), old, on);
            if (!q) break;
            line += line_of(f.p + scanned, (size_t)(q - f.p) - scanned) - 1;
            scanned = (size_t)(q - f.p);
            tbuf_printf(&msg, "%s %zu", shown ? "," : "", line);
            shown++;
            p = q + on;
        }
        tbuf_printf(&msg, "%s). Include more surrounding text in old_string to make it unique, or set "
                    "replace_all to true to replace every occurrence. The file is unchanged.",
                    n > shown ? ", ..." : "");
        cJSON *m = cJSON_CreateObject();
        cJSON_AddNumberToObject(m, "occurrences", (double)n);
        tool_result(msg.p, msg.len, 1, m);
    }

    /* The new content. */
    size_t nn = strlen(new);
    tbuf out = {0};
    const char *p = f.p, *end = f.p + f.len;
    size_t done = 0;
    while (done < n) {
        const char *q = memmem(p, (size_t)(end - p), old, on);
        if (!q) break;
        tbuf_put(&out, p, (size_t)(q - p));
        tbuf_put(&out, new, nn);
        p = q + on;
        done++;
    }
    tbuf_put(&out, p, (size_t)(end - p));

    const char *step = "";
    if ((e = tfs_write_atomic(path, out.p, out.len, &step)) != 0) {
        if (e == EROFS || e == ENOTCAPABLE || e == EACCES || e == EPERM || e == ENOSPC || e == EDQUOT)
            tool_fail("%s (the file is unchanged)", tool_errno_text(e, path, "write"));
        tool_fail("Cannot %s %s: %s (the file is unchanged)", step, path, strerror(e));
    }

    size_t first_line = line_of(out.p, first), lines = tfs_count_lines(out.p, out.len);
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "file_path", path);
    cJSON_AddNumberToObject(m, "replacements", (double)done);
    cJSON_AddNumberToObject(m, "first_line", (double)first_line);
    cJSON_AddNumberToObject(m, "lines", (double)lines);
    cJSON_AddNumberToObject(m, "bytes", (double)out.len);
    cJSON_AddBoolToObject(m, "crlf_adjusted", crlf);

    tbuf msg = {0};
    tbuf_printf(&msg, "Edited %s: %zu replacement%s (first at line %zu)%s. The file now has %zu line%s.", path,
                done, done == 1 ? "" : "s", first_line,
                crlf ? "; old_string and new_string were matched with the file's CRLF line endings" : "", lines,
                lines == 1 ? "" : "s");
    /* A few numbered lines around the first change, as file-read shows them. */
    size_t from = first_line > 3 ? first_line - 3 : 1, to = first_line + tfs_count_lines(new, nn) + 2;
    tbuf_puts(&msg, "\n");
    size_t line = 1;
    for (const char *s = out.p, *oe = out.p + out.len; s < oe && line <= to; line++) {
        const char *e2 = memchr(s, '\n', (size_t)(oe - s));
        size_t len = e2 ? (size_t)(e2 - s) : (size_t)(oe - s);
        if (line >= from) {
            size_t show = len && s[len - 1] == '\r' ? len - 1 : len;
            tbuf_printf(&msg, "%zu\t%.*s%s\n", line, (int)(show > 300 ? 300 : show), s, show > 300 ? " [...]" : "");
        }
        if (!e2) break;
        s = e2 + 1;
    }
    tool_result(msg.p, msg.len, 0, m);
}
