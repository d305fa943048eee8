/*
 * mcp.c — `boxagnts mcp` (an MCP server on stdio) and `boxagnts serve
 * --jsonl` (line-delimited JSON): flags and the policy file into a
 * bx_server_config, then src/server does the rest.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static void usage(FILE *f, const char *cmd)
{
    fprintf(f,
            "usage: boxagnts %s [options]\n"
            "\n"
            "%s"
            "Every call runs in its own WebAssembly sandbox, on a pool of worker threads.\n"
            "\n"
            "Options (after --policy FILE, whose settings they override):\n"
            "  --policy FILE          JSON policy: workspace, grants, limits, profile, quotas,\n"
            "                         tool dirs, executors (see docs/policy.md)\n"
            "  --workspace DIR        shown to tools at /workspace\n"
            "  --cap GRANT            read:GUEST[=HOST]  write:GUEST[=HOST]  fetch:PATTERN\n"
            "                         env:NAME[=VALUE]  deny:GLOB   (repeatable)\n"
            "  --allow-host PATTERN   same as --cap fetch:PATTERN\n"
            "  --block-network CIDR|private   --block-url PREFIX\n"
            "  --allow-network CIDR   lift the private-network block for these addresses\n"
            "  --secret-header ORIGIN:NAME=env:VAR   a header the host adds for one origin\n"
            "  --profile LEVEL        highest permission level allowed: none, read_only, write,\n"
            "                         execute (default), dangerous\n"
            "  --tool NAME            offer only these tools (repeatable; default: all)\n"
            "  --timeout DURATION  --max-memory SIZE  --max-stack SIZE  --fuel N  --max-output SIZE\n"
            "  --max-write SIZE       per-call limits (default: each tool's manifest)\n"
            "  --quota-fuel N  --quota-wall DURATION  --quota-calls N\n"
            "                         totals per executor (default: unlimited)\n"
            "  --tools-dir DIR        also load the tools in DIR/<name>/tool.json (repeatable)\n"
            "  --workers N            worker threads (default: online cores)\n"
            "  --require-os-confinement   refuse calls whose worker is not fully confined\n"
            "  --no-os-confinement    run calls in the server's threads (debugging)\n"
            "  --max-message SIZE     longest accepted message line (default 16MiB)\n"
            "  --drain DURATION       at end of input, cancel calls still running after this\n"
            "                         long (default: answer them all; 0: cancel at once)\n"
            "  --audit FILE  --cache-dir DIR   (cache default: $BOXAGNTS_CACHE_DIR, else\n"
            "                         $XDG_CACHE_HOME/boxagnts, else ~/.cache/boxagnts; none: off)\n"
            "%s"
            "\n"
            "Reads until end of input, finishes the running calls (see --drain), then exits 0.\n"
            "SIGTERM or SIGINT: the running calls are cancelled (their sandboxes stopped, each\n"
            "answered as cancelled), then exit 0; a second one kills.  SIGHUP: look for new\n"
            "tools in the tool dirs and tell MCP clients (notifications/tools/list_changed).\n"
            "Exit 1 when the tools cannot be loaded or output cannot be written, 2 on usage\n"
            "errors.\n",
            cmd,
            !strcmp(cmd, "mcp")
                ? "A Model Context Protocol server over stdio (JSON-RPC 2.0, one message per\n"
                  "line; protocol 2025-06-18, also 2025-03-26 and 2024-11-05).\n"
                : "Line-delimited JSON on stdio.  Request, one per line:\n"
                  "  {\"id\": 1, \"executor\": \"default\", \"tool\": \"file-read\", \"input\": {...}}\n"
                  "Response, in completion order:\n"
                  "  {\"id\": 1, \"result\": {\"content\", \"is_error\", \"metadata\"},\n"
                  "   \"usage\": {\"fuel\", \"wall_ms\", \"peak_memory\"}}  or  {\"id\": 1, \"error\":\n"
                  "  {\"code\", \"message\"}};  {\"cancel\": 1} stops call 1.\n",
            !strcmp(cmd, "mcp") ? "  --executor NAME        make calls as this executor of the policy (default: default)\n"
                                : "  --jsonl                the protocol (required; the only one so far)\n");
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int add_str(char ***v, size_t *n, const char *s)
{
    bx_error err;
    if (bx_run_options_add_list(v, n, s, &err) != BX_OK) {
        fprintf(stderr, "boxagnts: %s\n", err.msg);
        return -1;
    }
    return 0;
}

/* The built-in tools found from the binary's location (tooldirs.c), then
 * $BOXAGNTS_TOOLS_PATH: before the policy's and the flags' dirs. */
static int default_tool_dirs(bx_server_config *c)
{
    char dir[PATH_MAX];
    cli_builtin_tools_dir(dir, sizeof dir, NULL, 0);
    if (dir[0] && add_str(&c->tool_dirs, &c->ntool_dirs, dir))
        return -1;
    const char *path = getenv("BOXAGNTS_TOOLS_PATH");
    if (path && *path) {
        char *copy = strdup(path), *save = NULL;
        for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d; d = strtok_r(NULL, ":", &save))
            if (add_str(&c->tool_dirs, &c->ntool_dirs, d)) {
                free(copy);
                return -1;
            }
        free(copy);
    }
    return 0;
}

/* The server the signal handlers talk to (the one process-wide thing a
 * handler can reach).  SIGTERM and SIGINT stop it once; SA_RESETHAND makes
 * a second one kill, for a sandbox that does not stop. */
static bx_server *volatile signal_server;

static void on_signal(int sig)
{
    bx_server_request(signal_server, sig == SIGHUP ? BX_SERVER_RESCAN : BX_SERVER_STOP);
}

static void on_signals(bx_server *s)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = s ? on_signal : SIG_DFL;
    signal_server = s;
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_flags = s ? SA_RESETHAND : 0;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
}

static int bad(const char *cmd, const char *what, const char *msg)
{
    fprintf(stderr, "boxagnts %s: %s: %s\n", cmd, what, msg);
    return EXIT_USAGE;
}

/* Parses argv into c (policy first, then the flags over it).  Returns -1
 * when all is well, else the exit code. */
static int parse(const char *cmd, int argc, char **argv, bx_server_config *c, const char **executor,
                 int *jsonl, uint64_t *drain)
{
    bx_error err;
    bx_executor_config *d = &c->defaults;
    if (default_tool_dirs(c))
        return EXIT_ERROR;
    for (int i = 0; i < argc; i++) {
        if ((!strcmp(argv[i], "--policy")) && i + 1 < argc) {
            if (bx_server_config_load_policy(c, argv[i + 1], &err) != BX_OK) {
                fprintf(stderr, "boxagnts %s: %s\n", cmd, err.msg);
                return EXIT_USAGE;
            }
        }
    }
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout, cmd);
            return EXIT_OK;
        }
        if (!strcmp(a, "--jsonl")) {
            *jsonl = 1;
            continue;
        }
        if (!strcmp(a, "--no-os-confinement") || !strcmp(a, "--require-os-confinement")) {
            *(a[2] == 'n' ? &c->no_os_confinement : &c->require_os_confinement) = 1;
            continue;
        }
        if (i + 1 >= argc || strncmp(a, "--", 2) != 0) {
            fprintf(stderr, "boxagnts %s: unknown argument %s (see boxagnts %s --help)\n", cmd, a, cmd);
            return EXIT_USAGE;
        }
        const char *v = argv[++i];
        uint64_t num;
        int rc = 0;
        if (!strcmp(a, "--policy")) {
            /* loaded above */
        } else if (!strcmp(a, "--workspace")) {
            char real[PATH_MAX];
            if (!realpath(v, real) || !is_dir(real))
                return bad(cmd, "--workspace", "not a directory");
            free(d->workspace);
            d->workspace = strdup(real);
            rc = d->workspace ? 0 : -1;
        } else if (!strcmp(a, "--cap")) {
            rc = add_str(&d->grants, &d->ngrants, v);
        } else if (!strcmp(a, "--allow-host")) {
            char g[1024];
            snprintf(g, sizeof g, "fetch:%s", v);
            rc = add_str(&d->grants, &d->ngrants, g);
        } else if (!strcmp(a, "--block-network")) {
            rc = add_str(&d->block_networks, &d->nblock_networks, v);
        } else if (!strcmp(a, "--block-url")) {
            rc = add_str(&d->block_url, &d->nblock_url, v);
        } else if (!strcmp(a, "--allow-network")) {
            rc = add_str(&d->allow_networks, &d->nallow_networks, v);
        } else if (!strcmp(a, "--secret-header")) {
            rc = add_str(&d->secret_headers, &d->nsecret_headers, v);
        } else if (!strcmp(a, "--tool")) {
            rc = add_str(&d->tools, &d->ntools, v);
        } else if (!strcmp(a, "--tools-dir")) {
            rc = add_str(&c->tool_dirs, &c->ntool_dirs, v);
        } else if (!strcmp(a, "--profile")) {
            if (bx_perm_parse(v, &d->max_level, &err) != BX_OK)
                return bad(cmd, "--profile", err.msg);
        } else if (!strcmp(a, "--drain")) {
            if (bx_parse_duration(v, &num, &err) != BX_OK)
                return bad(cmd, a, err.msg);
            *drain = num ? num : 1;     /* 0 means at once; the server's 0 means never */
        } else if (!strcmp(a, "--timeout") || !strcmp(a, "--quota-wall")) {
            if (bx_parse_duration(v, &num, &err) != BX_OK)
                return bad(cmd, a, err.msg);
            *(!strcmp(a, "--timeout") ? &d->timeout_ns : &d->quota_wall_ns) = num;
        } else if (!strcmp(a, "--max-memory") || !strcmp(a, "--max-stack") ||
                   !strcmp(a, "--max-output") || !strcmp(a, "--max-message") || !strcmp(a, "--max-write")) {
            if (bx_parse_size(v, &num, &err) != BX_OK)
                return bad(cmd, a, err.msg);
            if (!strcmp(a, "--max-memory"))
                d->max_memory = num;
            else if (!strcmp(a, "--max-stack"))
                d->max_stack = num;
            else if (!strcmp(a, "--max-output"))
                d->max_output = num;
            else if (!strcmp(a, "--max-write"))
                d->max_write = num;
            else
                c->max_message = num;
        } else if (!strcmp(a, "--fuel") || !strcmp(a, "--quota-fuel") ||
                   !strcmp(a, "--quota-calls") || !strcmp(a, "--workers")) {
            if (!cli_parse_int(v, 0, UINT64_MAX, &num))
                return bad(cmd, a, "expected a whole number >= 0");
            if (!strcmp(a, "--fuel"))
                d->fuel = num;
            else if (!strcmp(a, "--quota-fuel"))
                d->quota_fuel = num;
            else if (!strcmp(a, "--quota-calls"))
                d->quota_calls = num;
            else if (num < 1 || num > 1024)
                return bad(cmd, a, "expected 1 to 1024 worker threads");
            else
                c->workers = (uint32_t)num;
        } else if (!strcmp(a, "--audit") || !strcmp(a, "--cache-dir")) {
            char **dst = !strcmp(a, "--audit") ? &d->audit_path : &d->cache_dir;
            free(*dst);
            *dst = strdup(v);
            rc = *dst ? 0 : -1;
        } else if (!strcmp(a, "--executor") && !strcmp(cmd, "mcp")) {
            *executor = v;
        } else {
            fprintf(stderr, "boxagnts %s: unknown option %s (see boxagnts %s --help)\n", cmd, a, cmd);
            return EXIT_USAGE;
        }
        if (rc)
            return EXIT_ERROR;
    }
    return -1;
}

static int serve(const char *cmd, int argc, char **argv)
{
    bx_server_config c;
    bx_server_config_init(&c);
    const char *executor = NULL;
    int jsonl = 0;
    uint64_t drain = 0;
    int rc = parse(cmd, argc, argv, &c, &executor, &jsonl, &drain);
    if (rc >= 0) {
        bx_server_config_free(&c);
        return rc;
    }
    if (!strcmp(cmd, "serve") && !jsonl) {
        bx_server_config_free(&c);
        fprintf(stderr, "boxagnts serve: say which protocol: --jsonl (see boxagnts serve --help)\n");
        return EXIT_USAGE;
    }
    /* The cache location rule (cachedir.c), for the defaults the
     * executors inherit. */
    const char *cache_from = "--cache-dir or the policy";
    if (c.defaults.cache_dir && (!*c.defaults.cache_dir || !strcmp(c.defaults.cache_dir, "none"))) {
        free(c.defaults.cache_dir);
        c.defaults.cache_dir = NULL;
    } else if (!c.defaults.cache_dir) {
        char cbuf[PATH_MAX];
        const char *cd = cli_cache_dir(NULL, cbuf, sizeof cbuf, &cache_from);
        if (cd && !(c.defaults.cache_dir = strdup(cd))) {
            bx_server_config_free(&c);
            return EXIT_ERROR;
        }
    }
    if ((rc = cli_check_server_grants(cmd, &c, cache_from)) != 0) {
        bx_server_config_free(&c);
        return rc;
    }
    bx_error err;
    memset(&err, 0, sizeof err);
    bx_server *s = bx_server_new(&c, &err);
    size_t searched = c.ntool_dirs;
    bx_server_config_free(&c);
    if (!s) {
        fprintf(stderr, "boxagnts %s: %s\n", cmd, err.msg);
        return err.status == BX_ERR_ARG ? EXIT_USAGE : EXIT_ERROR;
    }
    const bx_registry *r = bx_server_registry(s);
    for (size_t i = 0; i < bx_registry_problem_count(r); i++)
        fprintf(stderr, "boxagnts %s: warning: tool skipped: %s\n", cmd, bx_registry_problem(r, i));
    if (bx_registry_count(r) == 0) {
        char dir[PATH_MAX], looked[3 * PATH_MAX];
        cli_builtin_tools_dir(dir, sizeof dir, looked, sizeof looked);
        cli_no_tools(cmd, looked, searched);
        bx_server_free(s);
        return EXIT_ERROR;
    }
    /* A client that goes away must not kill us mid-write: writes fail
     * instead, and the server stops cleanly. */
    signal(SIGPIPE, SIG_IGN);
    bx_server_set_drain(s, drain);
    on_signals(s);
    bx_status st = jsonl ? bx_server_run_jsonl(s, 0, 1, &err)
                         : bx_server_run_mcp(s, 0, 1, executor, &err);
    on_signals(NULL);
    bx_server_free(s);
    if (st != BX_OK) {
        fprintf(stderr, "boxagnts %s: %s\n", cmd, err.msg);
        return st == BX_ERR_ARG && executor ? EXIT_USAGE : EXIT_ERROR;
    }
    return EXIT_OK;
}

int cmd_mcp(int argc, char **argv) { return serve("mcp", argc, argv); }
int cmd_serve(int argc, char **argv) { return serve("serve", argc, argv); }
