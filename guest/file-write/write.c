/*
 * guest/file-write/write.c — file-write: create or replace a file with the
 * given content, atomically (toolfs.c: temporary file + rename), creating
 * missing parent directories.  A symbolic link is written through to its
 * target, so the link survives.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "tool.h"
#include "toolfs.h"

int main(void)
{
    cJSON *in = tool_input();
    const char *arg = tool_str(in, "file_path", NULL);
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(in, "content");
    if (!arg || !*arg) tool_fail("file_path is required: the file to write, e.g. /workspace/notes.txt");
    if (!cJSON_IsString(c)) tool_fail("content is required and must be a string (the whole new file)");
    const char *content = c->valuestring;
    if (tool_input_had_nul())
        tool_fail("The input contains a NUL character (\\u0000) in a string; this tool writes text only and "
                  "would lose everything after it, so nothing was written");
    size_t len = strlen(content);
    char *given = tfs_guest_path(arg);
    if (strlen(arg) > 1 && arg[strlen(arg) - 1] == '/')
        tool_fail("%s ends with '/': file_path must name a file, not a directory", arg);

    char *path;
    int e = tfs_follow_links(given, &path);
    if (e == ENOTCAPABLE && strcmp(path, given) != 0)
        tool_fail("Permission denied by the sandbox: %s is a symbolic link to %s, outside the granted "
                  "directories; nothing was written", given, path);
    if (e) tool_fail("%s", tool_errno_text(e, given, "write"));

    struct stat st;
    int existed = 0;
    intmax_t old_bytes = 0;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) tool_fail("%s is a directory; file_path must name a file", path);
        if (!S_ISREG(st.st_mode)) tool_fail("%s is not a regular file (a device, socket or pipe)", path);
        existed = 1;
        old_bytes = (intmax_t)st.st_size;
    } else if (errno != ENOENT) {
        tool_fail("%s", tool_errno_text(errno, path, "write"));
    }

    int made = 0;
    if (!existed && (e = tfs_make_parents(path, &made)) != 0) {
        if (e == ENOTDIR) tool_fail("Cannot create %s: a parent of it exists as a file, not a directory", path);
        tool_fail("%s", tool_errno_text(e, path, "write"));
    }
    const char *step = "";
    if ((e = tfs_write_atomic(path, content, len, &step)) != 0) {
        if (e == EROFS || e == ENOTCAPABLE || e == EACCES || e == EPERM || e == ENOSPC || e == EDQUOT)
            tool_fail("%s%s", tool_errno_text(e, path, "write"), existed ? " (the file is unchanged)" : "");
        tool_fail("Cannot %s %s: %s%s", step, path, strerror(e), existed ? " (the file is unchanged)" : "");
    }

    size_t lines = tfs_count_lines(content, len);
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "file_path", path);
    cJSON_AddBoolToObject(m, "created", !existed);
    cJSON_AddNumberToObject(m, "bytes", (double)len);
    cJSON_AddNumberToObject(m, "lines", (double)lines);
    if (existed) cJSON_AddNumberToObject(m, "previous_bytes", (double)old_bytes);
    cJSON_AddNumberToObject(m, "created_dirs", made);
    if (strcmp(path, given) != 0) cJSON_AddStringToObject(m, "via_link", given);

    tbuf msg = {0};
    tbuf_printf(&msg, "%s %s (%zu line%s, %zu byte%s)", existed ? "Overwrote" : "Created", path, lines,
                lines == 1 ? "" : "s", len, len == 1 ? "" : "s");
    if (existed) tbuf_printf(&msg, "; it had %jd byte%s before", old_bytes, old_bytes == 1 ? "" : "s");
    if (made) tbuf_printf(&msg, "; created %d parent director%s", made, made == 1 ? "y" : "ies");
    if (strcmp(path, given) != 0) tbuf_printf(&msg, "; written through the symbolic link %s", given);
    tool_result(msg.p, msg.len, 0, m);
}
