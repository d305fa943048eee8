/*
 * flags.c — the one flag parser of run, call, tools, mcp, serve and invoke.
 *
 * Adding a flag is one row of `flags` below: its name, the subcommands that
 * take it, and either the bx_grants key it sets (the value is then checked
 * by bx_grants_set, the parser the policy file shares) or a setter of
 * cli_opts.  The help texts stay with their subcommands.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "flags.h"

typedef struct cli_flag cli_flag;
/* A setter: 0, or the exit code after saying why (v is NULL for a flag
 * without a value). */
typedef int (*cli_setter)(cli_opts *o, const cli_flag *f, const char *v);
struct cli_flag {
    const char *name;        /* "--timeout" */
    unsigned cmds;           /* the cli_cmd set that takes it */
    int value;               /* takes a value */
    const char *key;         /* bx_grants_set key (NULL: set does it all) */
    cli_setter set;          /* after the key is set, or instead of it (may be NULL) */
    unsigned nonzero;        /* the cli_cmd set where 0 is refused */
};

static int say(const cli_opts *o, const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "boxagnts %s: ", o->name);
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    return EXIT_USAGE;
}

int cli_push(char ***v, size_t *n, const char *s)
{
    char **nv = realloc(*v, (*n + 1) * sizeof **v);
    if (!nv || !(nv[*n] = strdup(s))) {
        if (nv) *v = nv;
        fprintf(stderr, "boxagnts: out of memory\n");
        return EXIT_ERROR;
    }
    *v = nv;
    (*n)++;
    return 0;
}

static int add_grant(cli_opts *o, cli_grant_kind kind, const char *spec)
{
    cli_grant *ng = realloc(o->grants, (o->ngrants + 1) * sizeof *ng);
    if (!ng) {
        fprintf(stderr, "boxagnts: out of memory\n");
        return EXIT_ERROR;
    }
    o->grants = ng;
    ng[o->ngrants++] = (cli_grant){ kind, spec };
    return 0;
}

/* ---- setters ------------------------------------------------------------- */

static int set_help(cli_opts *o, const cli_flag *f, const char *v) { (void)f, (void)v; o->help = 1; return 0; }
static int set_json(cli_opts *o, const cli_flag *f, const char *v) { (void)f, (void)v; o->json = 1; return 0; }
static int set_jsonl(cli_opts *o, const cli_flag *f, const char *v) { (void)f, (void)v; o->jsonl = 1; return 0; }
static int set_no_confine(cli_opts *o, const cli_flag *f, const char *v) { (void)f, (void)v; o->no_confine = 1; return 0; }
static int set_require(cli_opts *o, const cli_flag *f, const char *v)
{
    (void)f, (void)v;
    o->g.require_os_confinement = 1;
    return 0;
}
/* The grant just stored as the last of g.caps, in run's order. */
static int set_cap_order(cli_opts *o, const cli_flag *f, const char *v)
{
    (void)f, (void)v;
    return add_grant(o, CLI_GRANT_CAP, o->g.caps[o->g.ncaps - 1]);
}
static int set_dir(cli_opts *o, const cli_flag *f, const char *v) { (void)f; return add_grant(o, CLI_GRANT_DIR, v); }
static int set_max_output(cli_opts *o, const cli_flag *f, const char *v) { (void)f, (void)v; o->max_output_set = 1; return 0; }
static int set_invoke(cli_opts *o, const cli_flag *f, const char *v) { (void)f; o->invoke = v; return 0; }
static int set_stdin_file(cli_opts *o, const cli_flag *f, const char *v) { (void)f; o->stdin_file = v; return 0; }
static int set_json_file(cli_opts *o, const cli_flag *f, const char *v) { (void)f; o->json_file = v; return 0; }
static int set_agent_id(cli_opts *o, const cli_flag *f, const char *v) { (void)f; o->agent_id = v; return 0; }
static int set_policy(cli_opts *o, const cli_flag *f, const char *v) { (void)f; o->policy = v; return 0; }
static int set_executor(cli_opts *o, const cli_flag *f, const char *v) { (void)f; o->executor = v; return 0; }
static int set_tool(cli_opts *o, const cli_flag *f, const char *v) { (void)f; return cli_push(&o->tools, &o->ntools, v); }
static int set_tools_dir(cli_opts *o, const cli_flag *f, const char *v) { (void)f; return cli_push(&o->tool_dirs, &o->ntool_dirs, v); }

static int set_profile(cli_opts *o, const cli_flag *f, const char *v)
{
    bx_error err;
    if (bx_perm_parse(v, &o->max_level, &err) != BX_OK) return say(o, "%s: %s", f->name, err.msg);
    o->profile_set = 1;
    return 0;
}

static int set_max_fds(cli_opts *o, const cli_flag *f, const char *v)
{
    uint64_t n = 0;
    (void)f;
    if (!cli_parse_int(v, 0, 65536, &n) || n < 3 || v[0] == '-')
        return say(o, "bad value for --max-fds: %s%s (3 to 65536)", v, "");
    o->max_fds = (uint32_t)n;
    return 0;
}

/* A whole number >= 0 into one of the server's counters. */
static int set_count(cli_opts *o, const cli_flag *f, const char *v)
{
    uint64_t n;
    if (!cli_parse_int(v, 0, UINT64_MAX, &n) || v[0] == '-')
        return say(o, "%s: %s", f->name, "expected a whole number >= 0");
    if (!strcmp(f->name, "--workers")) {
        if (n < 1 || n > 1024) return say(o, "%s: %s", f->name, "expected 1 to 1024 worker threads");
        o->workers = (uint32_t)n;
    } else if (!strcmp(f->name, "--worker-reuse")) {
        if (n < 1 || n > 10000) return say(o, "%s: %s", f->name, "expected 1 to 10000 calls per worker");
        o->worker_reuse = (uint32_t)n;
    } else if (!strcmp(f->name, "--quota-fuel")) {
        o->quota_fuel = n;
    } else {
        o->quota_calls = n;
    }
    return 0;
}

static int set_quota_wall(cli_opts *o, const cli_flag *f, const char *v)
{
    bx_error err;
    if (bx_parse_duration(v, &o->quota_wall_ns, &err) != BX_OK) return say(o, "%s: %s", f->name, err.msg);
    return 0;
}

/* "wait" or a duration (bx_parse_drain, as the policy's "drain"). */
static int set_drain(cli_opts *o, const cli_flag *f, const char *v)
{
    bx_error err;
    if (bx_parse_drain(v, &o->drain_ns, &err) != BX_OK) return say(o, "%s: %s", f->name, err.msg);
    o->drain_set = 1;
    return 0;
}

static int set_max_message(cli_opts *o, const cli_flag *f, const char *v)
{
    bx_error err;
    if (bx_parse_size(v, &o->max_message, &err) != BX_OK) return say(o, "%s: %s", f->name, err.msg);
    return 0;
}

/* ---- the table ------------------------------------------------------------ */

#define ALL (CLI_RUN | CLI_CALL | CLI_MCP | CLI_SERVE | CLI_TOOLS | CLI_INVOKE | CLI_VALIDATE)
#define POSITIVE (CLI_RUN | CLI_CALL | CLI_SERVERS | CLI_INVOKE)
static const cli_flag flags[] = {
    /* name                        commands                       value key              setter */
    {"--help",                     ALL,                           0, NULL,             set_help, 0},
    {"-h",                         ALL,                           0, NULL,             set_help, 0},
    {"--json",                     CLI_RUN | CLI_TOOLS,           0, NULL,             set_json, 0},
    {"--jsonl",                    CLI_SERVERS,                   0, NULL,             set_jsonl, 0},
    {"--no-os-confinement",        CLI_SANDBOXED,                 0, NULL,             set_no_confine, 0},
    {"--require-os-confinement",   CLI_SANDBOXED,                 0, NULL,             set_require, 0},
    /* grants */
    {"--workspace",                CLI_SANDBOXED,                 1, "workspace",      NULL, 0},
    {"--cap",                      CLI_SANDBOXED,                 1, "cap",            set_cap_order, 0},
    {"--allow-host",               CLI_SANDBOXED,                 1, "allow_host",     set_cap_order, 0},
    {"--env",                      CLI_RUN,                       1, "env",            set_cap_order, 0},
    {"--dir",                      CLI_RUN,                       1, NULL,             set_dir, 0},
    {"--block-network",            CLI_SANDBOXED,                 1, "block_network",  NULL, 0},
    {"--block-url",                CLI_SANDBOXED,                 1, "block_url",      NULL, 0},
    {"--allow-network",            CLI_SANDBOXED,                 1, "allow_network",  NULL, 0},
    {"--secret-header",            CLI_SANDBOXED,                 1, "secret_header",  NULL, 0},
    /* limits */
    {"--timeout",                  CLI_SANDBOXED,                 1, "timeout",        NULL, POSITIVE},
    {"--max-memory",               CLI_SANDBOXED | CLI_INVOKE,    1, "max_memory",     NULL, CLI_INVOKE},
    {"--max-stack",                CLI_SANDBOXED | CLI_INVOKE,    1, "max_stack",      NULL, CLI_INVOKE},
    {"--fuel",                     CLI_SANDBOXED | CLI_INVOKE,    1, "fuel",           NULL, POSITIVE},
    {"--max-output",               CLI_SANDBOXED,                 1, "max_output",     set_max_output, POSITIVE},
    {"--max-write",                CLI_SANDBOXED,                 1, "max_write",      NULL, 0},
    {"--max-fds",                  CLI_RUN,                       1, NULL,             set_max_fds, 0},
    /* other */
    {"--audit",                    CLI_SANDBOXED,                 1, "audit",          NULL, 0},
    {"--cache-dir",                CLI_SANDBOXED,                 1, "cache_dir",      NULL, 0},
    {"--invoke",                   CLI_RUN,                       1, NULL,             set_invoke, 0},
    {"--stdin-file",               CLI_RUN,                       1, NULL,             set_stdin_file, 0},
    {"--json-file",                CLI_RUN,                       1, NULL,             set_json_file, 0},
    {"--agent-id",                 CLI_CALL,                      1, NULL,             set_agent_id, 0},
    {"--profile",                  CLI_CALL | CLI_SERVERS,        1, NULL,             set_profile, 0},
    {"--tools-dir",                CLI_CALL | CLI_TOOLS | CLI_SERVERS, 1, NULL,        set_tools_dir, 0},
    {"--tool",                     CLI_SERVERS,                   1, NULL,             set_tool, 0},
    {"--policy",                   CLI_SERVERS,                   1, NULL,             set_policy, 0},
    {"--executor",                 CLI_MCP,                       1, NULL,             set_executor, 0},
    {"--quota-fuel",               CLI_SERVERS,                   1, NULL,             set_count, 0},
    {"--quota-calls",              CLI_SERVERS,                   1, NULL,             set_count, 0},
    {"--quota-wall",               CLI_SERVERS,                   1, NULL,             set_quota_wall, 0},
    {"--workers",                  CLI_SERVERS,                   1, NULL,             set_count, 0},
    {"--max-message",              CLI_SERVERS,                   1, NULL,             set_max_message, 0},
    {"--tier",                     CLI_SANDBOXED,                 1, "tier",           NULL, 0},
    {"--drain",                    CLI_SERVERS,                   1, NULL,             set_drain, 0},
    {"--worker-reuse",             CLI_SERVERS,                   1, NULL,             set_count, 0},
};

void cli_opts_init(cli_opts *o, cli_cmd cmd, const char *name, void (*usage)(FILE *f))
{
    memset(o, 0, sizeof *o);
    o->cmd = cmd;
    o->name = name;
    o->usage = usage;
    o->max_level = BX_PERM_EXECUTE;
    bx_grants_init(&o->g);
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

void cli_opts_free(cli_opts *o)
{
    bx_grants_free(&o->g);
    free(o->grants);
    free_list(o->tools, o->ntools);
    free_list(o->tool_dirs, o->ntool_dirs);
    free(o->pos);
    memset(o, 0, sizeof *o);
}

/* The value a grants key just set, for the zero check. */
static uint64_t key_value(const bx_grants *g, const char *key)
{
    if (!strcmp(key, "timeout")) return g->timeout_ns;
    if (!strcmp(key, "max_memory")) return g->max_memory;
    if (!strcmp(key, "max_stack")) return g->max_stack;
    if (!strcmp(key, "fuel")) return g->fuel;
    if (!strcmp(key, "max_output")) return g->max_output;
    return 1;
}

static int apply(cli_opts *o, const cli_flag *f, const char *v)
{
    if (f->key) {
        bx_error err;
        memset(&err, 0, sizeof err);
        if (bx_grants_set(&o->g, f->key, v, &err) != BX_OK) {
            if (err.status == BX_ERR_NOMEM) {
                fprintf(stderr, "boxagnts: out of memory\n");
                return EXIT_ERROR;
            }
            return say(o, "%s: %s", f->name, err.msg);
        }
        if ((f->nonzero & o->cmd) && key_value(&o->g, f->key) == 0)
            return say(o, "%s must be above 0 (got %s)", f->name, v);
    }
    return f->set ? f->set(o, f, v) : 0;
}

int cli_parse(cli_opts *o, int argc, char **argv, int stop_at_pos)
{
    o->pos = calloc((size_t)argc + 1, sizeof *o->pos);
    if (!o->pos) {
        fprintf(stderr, "boxagnts: out of memory\n");
        return EXIT_ERROR;
    }
    int i = 0, flags_done = 0;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (flags_done || (strncmp(a, "--", 2) != 0 && strcmp(a, "-h") != 0)) {
            o->pos[o->npos++] = argv[i];
            if (stop_at_pos) flags_done = 1;
            continue;
        }
        if (!strcmp(a, "--")) {
            flags_done = 1;
            continue;
        }
        const char *eq = strchr(a, '=');
        size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
        const cli_flag *f = NULL;
        for (size_t k = 0; k < sizeof flags / sizeof flags[0] && !f; k++)
            if ((flags[k].cmds & o->cmd) && strlen(flags[k].name) == nlen && !strncmp(a, flags[k].name, nlen))
                f = &flags[k];
        if (!f || (!f->value && eq))
            return say(o, "unknown option %s (see boxagnts %s --help)", a, o->name);
        const char *v = NULL;
        if (f->value) {
            if (eq)
                v = eq + 1;
            else if (i + 1 < argc)
                v = argv[++i];
            else
                return say(o, "%s needs a value%s", f->name, "");
        }
        int rc = apply(o, f, v);
        if (rc) return rc;
        if (o->help) {
            if (o->usage) o->usage(stdout);
            return EXIT_OK;
        }
    }
    return -1;
}

int cli_workspace(cli_opts *o)
{
    char real[PATH_MAX];
    struct stat st;
    if (!o->g.workspace) return 0;
    if (!realpath(o->g.workspace, real) || stat(real, &st) != 0 || !S_ISDIR(st.st_mode))
        return say(o, "--workspace %s is not a directory%s", o->g.workspace, "");
    char *c = strdup(real);
    if (!c) {
        fprintf(stderr, "boxagnts: out of memory\n");
        return EXIT_ERROR;
    }
    free(o->g.workspace);
    o->g.workspace = c;
    return 0;
}
