/*
 * guest/common/toolfs.h — file helpers for tools that take guest paths:
 * where a tool argument points (/workspace for relative paths), following
 * symbolic links the way the sandbox will, creating parent directories,
 * reading a whole file, and replacing a file atomically (temporary file in
 * the same directory + rename).
 *
 * Every function returns 0 or an errno value (never exits), so the caller
 * can turn it into a sentence with tool_errno_text().
 */
#ifndef BX_GUEST_TOOLFS_H
#define BX_GUEST_TOOLFS_H
#include <stddef.h>
#include <sys/stat.h>
#include "tool.h"

#define TFS_WORKSPACE "/workspace"

/* The guest path a tool argument names: absolute paths are kept, relative
 * ones are taken under /workspace; "." components and repeated or trailing
 * slashes are dropped (".." is kept: the sandbox judges it).  malloc'd;
 * NULL for an empty argument. */
char *tfs_guest_path(const char *arg);

/* Follows symbolic links at the end of path (up to 16), so a write lands
 * on the link's target and the link stays.  *out (malloc'd, always set) is
 * the final path, or on error the path that failed: a link whose text is
 * an absolute path gives ENOTCAPABLE with *out = that text (inside the
 * sandbox only relative links can stay beneath a grant).  So on error,
 * *out differing from path means a link led there.  A missing final file
 * is not an error. */
int tfs_follow_links(const char *path, char **out);

/* Creates the missing parent directories of path; *created (may be NULL)
 * counts those made.  A parent that exists as a file gives ENOTDIR. */
int tfs_make_parents(const char *path, int *created);

/* Reads the regular file at path into b (appending), at most max bytes
 * (EFBIG beyond).  *st gets its status.  A directory gives EISDIR. */
int tfs_read_file(const char *path, tbuf *b, size_t max, struct stat *st);

/* Replaces (or creates) path with data, atomically: the bytes go to a new
 * temporary file next to it, which is renamed over path only once fully
 * written.  On failure the temporary file is removed and path is untouched;
 * *step (may be NULL) names what failed ("create a temporary file in",
 * "write", "replace", ...).  After a success, temporary files of path left
 * more than 10 minutes ago (by a call the host stopped) are removed. */
int tfs_write_atomic(const char *path, const void *data, size_t len, const char **step);

/* Lines as file-read numbers them: newlines, plus one for a last line
 * without a newline. */
size_t tfs_count_lines(const char *p, size_t n);

#endif
