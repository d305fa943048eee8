/*
 * probe.c — a test tool that does what its input says, so the tool layer's
 * tests can see exactly what a tool was given (argv, env, files) and how
 * the host reacts to a tool that misbehaves.  One module, several manifests
 * (tests/tools/tools.mk installs it under each).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static int g_argc;
static char **g_argv;

static void act(const char *action, const cJSON *in)
{
    const char *path = tool_str(in, "path", "");
    tbuf b = {0};
    if (!strcmp(action, "echo")) {
        char *s = cJSON_PrintUnformatted(in);
        tool_ok(s, NULL);
    } else if (!strcmp(action, "argv")) {
        for (int i = 0; i < g_argc; i++) tbuf_printf(&b, "%s%s", i ? " " : "", g_argv[i]);
        tool_ok(b.p ? b.p : "", NULL);
    } else if (!strcmp(action, "env")) {
        const char *v = getenv(tool_str(in, "name", ""));
        tool_ok(v ? v : "(unset)", NULL);
    } else if (!strcmp(action, "read")) {
        FILE *f = fopen(path, "r");
        if (!f) tool_fail("%s", tool_errno_text(errno, path, "read"));
        char buf[4096];
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = 0;
        tool_ok(buf, NULL);
    } else if (!strcmp(action, "write")) {
        FILE *f = fopen(path, "w");
        if (!f) tool_fail("%s", tool_errno_text(errno, path, "write"));
        fputs(tool_str(in, "text", ""), f);
        if (fclose(f) != 0) tool_fail("%s", tool_errno_text(errno, path, "write"));
        tool_ok("written", NULL);
    } else if (!strcmp(action, "meta")) {
        cJSON *m = cJSON_CreateObject();
        cJSON_AddNumberToObject(m, "answer", 42);
        tool_ok("with metadata", m);
    } else if (!strcmp(action, "loop")) {
        for (volatile unsigned i = 0;; i++) {}
    } else if (!strcmp(action, "garbage")) {
        fputs("this is not JSON\n", stdout);
        exit(0);
    } else if (!strcmp(action, "exit3")) {
        fputs("something went wrong\n", stderr);
        exit(3);
    } else if (!strcmp(action, "trap")) {
        __builtin_trap();
    } else if (!strcmp(action, "flood")) {
        for (;;) fputs("flood flood flood flood flood flood flood flood\n", stdout);
    } else if (!strcmp(action, "grow")) {
        /* Chained so the optimiser cannot prove the blocks unused. */
        void **head = NULL;
        for (;;) {
            void **p = malloc(1 << 20);
            if (!p) {
                size_t n = 0;
                for (; head; head = *head) n++;
                tool_fail("malloc returned NULL at the cap, after %zu MiB", n);
            }
            *p = head;
            head = p;
        }
    } else if (!strcmp(action, "text")) {
        /* argv mode: plain text out */
        for (int i = 1; i < g_argc; i++) printf("%s\n", g_argv[i]);
        exit(tool_bool(in, "fail", 0) ? 1 : 0);
    }
    tool_fail("unknown action %s", action);
}

int main(int argc, char **argv)
{
    g_argc = argc, g_argv = argv;
    if (argc > 1) {   /* argv mode */
        cJSON *in = cJSON_CreateObject();
        for (int i = 1; i < argc; i++) if (!strcmp(argv[i], "--fail")) cJSON_AddTrueToObject(in, "fail");
        act("text", in);
    }
    cJSON *in = tool_input();
    act(tool_str(in, "action", "echo"), in);
}
