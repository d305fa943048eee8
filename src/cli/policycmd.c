/*
 * policycmd.c — `boxagnts policy check FILE`: is this policy file what the
 * server will accept, and what does each executor end up with?  Loads the
 * file and the tools exactly as `boxagnts mcp --policy FILE` does, checks
 * every grant (grants.c), then prints each executor's effective workspace,
 * grants, profile, offered tools, limits and quotas.  Exit 0 when the
 * server would start with it, 2 when the policy is wrong, 1 when no tool
 * loads.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void put_dur(const char *k, uint64_t ns, const char *zero)
{
    if (!ns) printf(" %s %s", k, zero);
    else if (ns % 1000000000ull == 0) printf(" %s %llus", k, (unsigned long long)(ns / 1000000000ull));
    else printf(" %s %llums", k, (unsigned long long)(ns / 1000000ull));
}

static void put_size(const char *k, uint64_t b, const char *zero)
{
    if (!b) printf(" %s %s", k, zero);
    else if (b % (1ull << 20) == 0) printf(" %s %lluMiB", k, (unsigned long long)(b >> 20));
    else if (b % 1024 == 0) printf(" %s %lluKiB", k, (unsigned long long)(b >> 10));
    else printf(" %s %llu", k, (unsigned long long)b);
}

static void put_num(const char *k, uint64_t n, const char *zero)
{
    if (!n) printf(" %s %s", k, zero);
    else printf(" %s %llu", k, (unsigned long long)n);
}

/* A drain value as --drain and the policy spell it. */
static const char *drain_text(uint64_t ns, char *buf, size_t cap)
{
    if (ns == BX_DRAIN_WAIT) snprintf(buf, cap, "wait");
    else if (ns % 1000000000ull == 0) snprintf(buf, cap, "%llus", (unsigned long long)(ns / 1000000000ull));
    else if (ns % 1000000ull == 0) snprintf(buf, cap, "%llums", (unsigned long long)(ns / 1000000ull));
    else snprintf(buf, cap, "%lluns", (unsigned long long)ns);
    return buf;
}

static int offered(const bx_executor_config *e, const bx_tool *t)
{
    if (t->level == BX_PERM_FORBIDDEN || t->level > e->max_level) return 0;
    if (!e->ntools) return 1;
    for (size_t i = 0; i < e->ntools; i++)
        if (!strcmp(e->tools[i], t->name)) return 1;
    return 0;
}

static void show(const bx_executor_config *e, const bx_registry *r)
{
    printf("executor %s\n", e->name);
    printf("  workspace  %s\n", e->g.workspace ? e->g.workspace : "(none)");
    printf("  grants    ");
    if (!e->g.ncaps)
        printf(" %s", e->g.workspace ? "(none given: read:/workspace, write:/workspace for tools that need it)" : "(none)");
    for (size_t i = 0; i < e->g.ncaps; i++) printf(" %s", e->g.caps[i]);
    printf("\n  profile    %s\n  tools     ", bx_perm_name(e->max_level));
    int n = 0;
    for (size_t i = 0; i < bx_registry_count(r); i++) {
        const bx_tool *t = bx_registry_at(r, i);
        if (offered(e, t)) { printf(" %s", t->name); n++; }
    }
    if (!n) printf(" (none: the profile or the tools list excludes every tool)");
    for (size_t i = 0; i < e->ntools; i++)
        if (!bx_registry_find(r, e->tools[i])) printf(" [%s: no such tool]", e->tools[i]);
    printf("\n  limits    ");
    put_dur("timeout", e->g.timeout_ns, "tool default");
    put_size(" max_memory", e->g.max_memory, "tool default");
    put_size(" max_stack", e->g.max_stack, "tool default");
    put_num(" fuel", e->g.fuel, "tool default");
    put_size(" max_output", e->g.max_output, "tool default");
    put_size(" max_write", e->g.max_write, "tool default");
    printf("\n  quotas    ");
    put_num("fuel", e->quota_fuel, "unlimited");
    put_dur(" wall_time", e->quota_wall_ns, "unlimited");
    put_num(" calls", e->quota_calls, "unlimited");
    printf("\n");
    for (size_t i = 0; i < e->g.nblock_networks; i++) printf("  block      %s\n", e->g.block_networks[i]);
    for (size_t i = 0; i < e->g.nallow_networks; i++) printf("  allow net  %s\n", e->g.allow_networks[i]);
    for (size_t i = 0; i < e->g.nblock_url; i++) printf("  block url  %s\n", e->g.block_url[i]);
    for (size_t i = 0; i < e->g.nsecret_headers; i++) {
        const char *eq = strchr(e->g.secret_headers[i], '=');
        printf("  secret     %.*s=...\n", eq ? (int)(eq - e->g.secret_headers[i]) : 0, e->g.secret_headers[i]);
    }
    if (e->g.cache_dir) printf("  cache      %s\n", e->g.cache_dir);
    if (e->g.audit_path) printf("  audit      %s\n", e->g.audit_path);
    if (e->g.tier) {
        static const char *const tiers[] = { "", "interp", "aot", "auto" };
        printf("  tier       %s\n", tiers[e->g.tier & 3]);
    }
}

int cmd_policy(int argc, char **argv)
{
    if (argc < 1 || strcmp(argv[0], "check") || argc != 2 || argv[1][0] == '-') {
        int help = 0;   /* policy --help and policy check --help alike */
        for (int i = 0; i < argc; i++)
            help |= !strcmp(argv[i], "--help") || !strcmp(argv[i], "-h");
        fprintf(help ? stdout : stderr,
                "usage: boxagnts policy check FILE\n"
                "Validates a policy file as `boxagnts mcp --policy FILE` would (keys, grants, tool\n"
                "dirs) and prints the server's tool dirs, workers and drain (for mcp and serve),\n"
                "then each executor's effective workspace, grants, profile, tools, limits and\n"
                "quotas.  Exit 0: the server would start; 2: the policy is wrong; 1: no tool\n"
                "loads.  Format: docs/policy.md.\n");
        return help ? EXIT_OK : EXIT_USAGE;
    }
    const char *file = argv[1];
    bx_server_config c;
    bx_server_config_init(&c);
    bx_error err;
    memset(&err, 0, sizeof err);
    int rc = EXIT_USAGE;
    bx_server *s = NULL;
    char dir[PATH_MAX], looked[3 * PATH_MAX];
    cli_builtin_tools_dir(dir, sizeof dir, looked, sizeof looked);
    if (cli_default_tool_dirs(&c)) {
        rc = EXIT_ERROR;
        goto out;
    }
    if (bx_server_config_load_policy(&c, file, &err) != BX_OK) {
        fprintf(stderr, "boxagnts policy: %s\n", err.msg);
        goto out;
    }
    if ((rc = cli_check_server_grants("policy", &c, "the policy")) != 0) goto out;
    rc = EXIT_USAGE;
    if (!(s = bx_server_new(&c, &err))) {
        fprintf(stderr, "boxagnts policy: %s\n", err.msg);
        rc = cli_setup_exit(err.status);
        goto out;
    }
    const bx_registry *r = bx_server_registry(s);
    for (size_t i = 0; i < bx_registry_problem_count(r); i++)
        fprintf(stderr, "boxagnts policy: warning: tool skipped: %s\n", bx_registry_problem(r, i));
    if (bx_registry_count(r) == 0) {
        cli_no_tools("policy", looked, c.ntool_dirs);
        rc = EXIT_ERROR;
        goto out;
    }
    printf("policy %s: ok\n  tool dirs ", file);
    for (size_t i = 0; i < c.ntool_dirs; i++) printf(" %s", c.tool_dirs[i]);
    printf("\n  workers    %u%s\n", c.workers, c.workers ? "" : " (online cores)");
    /* the grace at end of input, per server subcommand (their defaults differ) */
    char d1[32], d2[32];
    const char *from = c.drain_set ? "policy" : "default";
    printf("  drain      mcp %s (%s), serve %s (%s)\n",
           drain_text(c.drain_set ? c.drain_ns : BX_DRAIN_MCP_DEFAULT, d1, sizeof d1), from,
           drain_text(c.drain_set ? c.drain_ns : BX_DRAIN_WAIT, d2, sizeof d2), from);
    uint32_t reuse = c.worker_reuse ? c.worker_reuse : BX_WORKER_REUSE_DEFAULT;
    printf("  worker reuse %u call%s per worker (%s)\n", reuse, reuse > 1 ? "s" : "",
           c.worker_reuse ? "policy" : "default");
    size_t n = bx_server_config_executor_count(&c);
    for (size_t i = 0; i < n; i++) {
        bx_executor_config e;
        if (bx_server_config_executor(&c, i, &e, &err) != BX_OK) {
            fprintf(stderr, "boxagnts policy: %s\n", err.msg);
            rc = EXIT_USAGE;
            goto out;
        }
        show(&e, r);
        bx_executor_config_free(&e);
    }
    rc = EXIT_OK;
out:
    bx_server_free(s);
    bx_server_config_free(&c);
    return rc;
}
