/*
 * guest/bash/progress.c — the script's stdout so far, handed to the host
 * while the script runs (boxagnts:progress.output), so a client that asked
 * for progress sees a long build's or test run's output as it comes.  At
 * most four reports a second, each with only the bytes new since the last;
 * the host decides what, if anything, to do with them (an MCP server sends
 * them as notifications/progress; everything else ignores them).  The
 * result is unchanged: the whole output is still the content.
 */
#include "sh.h"

#include <stdint.h>

#define REPORT_EVERY 0.25   /* seconds */

/* BX_PROGRESS_NONE: a build without the import, for a host that cannot
 * supply it (the preview1 command adapter of tests/component). */
#if defined(__wasi__) && !defined(BX_PROGRESS_NONE)
__attribute__((import_module("boxagnts:progress"), import_name("output")))
int32_t bx_progress_output(const char *p, int32_t len);
#else
static int32_t bx_progress_output(const char *p, int32_t len) { (void)p; (void)len; return 0; }
#endif

void sh_report(Sh *sh, double now)
{
    Stream *o = sh->report;
    sh->report_at = now + REPORT_EVERY;
    if (!o || o->b.len <= sh->reported) return;
    size_t n = o->b.len - sh->reported;
    if (n > 0x7fffffff) n = 0x7fffffff;
    bx_progress_output(o->b.p + sh->reported, (int32_t)n);
    sh->reported += n;
}
