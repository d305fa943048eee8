/*
 * guest/bash/main.c — the tool entry: reads {"command", "timeout_seconds"},
 * runs the script in a fresh shell whose cwd is /workspace, and returns
 *   content  = stdout, then "[stderr]\n" + stderr when there was any, then
 *              "[exit status N]" when N != 0 (and truncation notes)
 *   is_error = exit status != 0
 *   metadata = {exit_code, stdout_bytes, stderr_bytes, truncated, timed_out}
 * stdout_bytes counts the stdout bytes at the start of content exactly.
 */
#include "sh.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_TIMEOUT 120.0
#define MAX_TIMEOUT     600.0

static void run(const char *cmd, double timeout, const char *cwd, tbuf *content, cJSON **meta, int *status)
{
    Sh sh;
    memset(&sh, 0, sizeof sh);
    sh.cwd = xstrdup(cwd);
    sh.arg0 = "bash";
    sh.timeout = timeout;
    sh.deadline = timeout > 0 ? sh_now() + timeout : 0;
    Stream *out = st_buf(), *err = st_buf();
    sh.fd[0] = st_in("", 0);
    sh.fd[1] = out;
    sh.fd[2] = err;
    sh.report = out;            /* stdout so far, as MCP progress (progress.c) */
    var_set(&sh, "HOME", cwd);
    var_set(&sh, "PWD", cwd);
    var_set(&sh, "PATH", "/usr/local/bin:/usr/bin:/bin");
    var_set(&sh, "IFS", " \t\n");
    var_set(&sh, "USER", "agent");
    var_set(&sh, "SHELL", "/bin/bash");
    var_set(&sh, "BASH_VERSION", "5.2.15(1)-release");
    for (int i = 0; i < sh.nvars; i++) if (strcmp(sh.vars[i].name, "IFS")) sh.vars[i].exp = 1;
    srand((unsigned)time(NULL));
    *status = sh_run_script(&sh, cmd, 1);
    sh_run_exit_trap(&sh);
    for (int i = 0; i < sh.nkept; i++) st_flush(sh.kept[i]);
    if (sh.timed_out) *status = 124;
    tbuf_put(content, out->b.p ? out->b.p : "", out->b.len);
    size_t outn = out->b.len;
    if (out->dropped) {
        const char m[] = "\n[stdout truncated at 16 MiB]\n";
        tbuf_put(content, m, sizeof m - 1);
    }
    if (err->b.len) {
        if (content->len && content->p[content->len - 1] != '\n') tbuf_put(content, "\n", 1);
        tbuf_puts(content, "[stderr]\n");
        tbuf_put(content, err->b.p, err->b.len);
        if (err->dropped) tbuf_puts(content, "\n[stderr truncated at 16 MiB]");
    }
    if (*status) {
        if (content->len && content->p[content->len - 1] != '\n') tbuf_put(content, "\n", 1);
        tbuf_printf(content, "[exit status %d]", *status);
    }
    *meta = cJSON_CreateObject();
    cJSON_AddNumberToObject(*meta, "exit_code", *status);
    cJSON_AddNumberToObject(*meta, "stdout_bytes", (double)outn);
    cJSON_AddNumberToObject(*meta, "stderr_bytes", (double)err->b.len);
    cJSON_AddBoolToObject(*meta, "truncated", out->dropped || err->dropped);
    cJSON_AddBoolToObject(*meta, "timed_out", sh.timed_out);
}

int main(int argc, char **argv)
{
#ifndef __wasi__
    /* native debug build: bash-native -c 'cmd' runs in the current directory */
    if (argc >= 3 && !strcmp(argv[1], "-c")) {
        tbuf content = {0};
        cJSON *meta;
        int st;
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd)) return 1;
        run(argv[2], 0, cwd, &content, &meta, &st);
        fwrite(content.p, 1, content.len, stdout);
        cJSON_Delete(meta);
        return st;
    }
#else
    (void)argc; (void)argv;
#endif
    cJSON *in = tool_input();
    const char *cmd = tool_str(in, "command", NULL);
    if (!cmd) tool_fail("missing \"command\": the shell script to run");
    double t = tool_num(in, "timeout_seconds", DEFAULT_TIMEOUT);
    if (t <= 0 || t > MAX_TIMEOUT) t = t <= 0 ? DEFAULT_TIMEOUT : MAX_TIMEOUT;
    const char *cwd = getenv("BX_BASH_CWD");
    tbuf content = {0};
    cJSON *meta;
    int st;
    run(cmd, t, cwd ? cwd : "/workspace", &content, &meta, &st);
    tool_result(content.p ? content.p : "", content.len, st != 0, meta);
}
