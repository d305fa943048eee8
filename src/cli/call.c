/*
 * call.c — `boxagnts tools` and `boxagnts call`: the tool registry from the
 * command line.  Tool directories: the built-in one found from the binary's
 * location (tooldirs.c), then every directory in $BOXAGNTS_TOOLS_PATH
 * (colon-separated), then each --tools-dir.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cli.h"
#include "confine.h"
#include "flags.h"

static void call_usage(FILE *f)
{
    fprintf(f,
            "usage: boxagnts call TOOL [options] ['{json input}' | -]\n"
            "\n"
            "Runs one tool call in a sandbox and prints its result, one JSON object:\n"
            "  {\"content\": \"...\", \"is_error\": false, \"metadata\": {...}}\n"
            "The input is a JSON object (default {}); - reads it from stdin.\n"
            "\n"
            "What the tool may use (nothing by default):\n"
            "  --workspace DIR        shown to tools at /workspace; with no --cap, a tool gets\n"
            "                         read:/workspace, or write:/workspace when it needs to write\n"
            "  --cap GRANT            read:GUEST[=HOST]  write:GUEST[=HOST]  fetch:PATTERN\n"
            "                         env:NAME[=VALUE]  deny:GLOB   (repeatable; a tool gets only\n"
            "                         the grants its manifest needs)\n"
            "  --allow-host PATTERN   same as --cap fetch:PATTERN\n"
            "  --block-network CIDR   adds to the blocked networks (private ones are always blocked)\n"
            "  --allow-network CIDR   lifts the block for these addresses only (e.g. 127.0.0.1)\n"
            "  --block-url PREFIX     URLs always refused\n"
            "  --secret-header ORIGIN:NAME=env:VAR   a header the host adds for one origin; the\n"
            "                         tool never sees it (only tools that need the network)\n"
            "  --profile LEVEL        highest permission level allowed: none, read_only, write,\n"
            "                         execute (default), dangerous\n"
            "Limits (default: the tool's manifest):\n"
            "  --timeout DURATION  --max-memory SIZE  --max-stack SIZE  --fuel N  --max-output SIZE\n"
            "  --max-write SIZE       bytes the call may write to files (tools: 256MiB)\n"
            "Other:\n"
            "  --tools-dir DIR        also load the tools in DIR/<name>/tool.json (repeatable)\n"
            "  --audit FILE           append one JSON line per capability decision\n"
            "  --agent-id ID          names the caller in the audit log\n"
            "  --cache-dir DIR        compiled-module cache: a second call skips compiling. A\n"
            "                         call that could write DIR is refused; one whose grants\n"
            "                         reach the cache key runs without it (default:\n"
            "                         $BOXAGNTS_CACHE_DIR, else $XDG_CACHE_HOME/boxagnts, else\n"
            "                         ~/.cache/boxagnts; none: off)\n"
            "  --require-os-confinement   refuse unless the worker process is fully confined\n"
            "                         by the kernel (Landlock, seccomp, rlimits)\n"
            "  --no-os-confinement    run in this process, without the kernel's wall (debugging)\n"
            "  --tier interp|aot|auto the tool's module interpreted, compiled to native code by\n"
            "                         the system's C compiler (then cached), or auto: the cached\n"
            "                         compiled form when there is one (default $BOXAGNTS_TIER,\n"
            "                         else interp); \"tier\" in the result says which ran\n"
            "The result also says \"os_confinement\": \"full\" | \"partial\" | \"none\" and why.\n"
            "\n"
            "Exit status: 0 when the call ran (also when the result has is_error: true),\n"
            "1 when it could not run (no tools found, tool directory unreadable, out of memory),\n"
            "2 usage errors (unknown tool or option, a bad or unresolvable grant, unreadable input).\n");
}

static void tools_usage(FILE *f)
{
    fprintf(f,
            "usage: boxagnts tools [--json] [--tools-dir DIR]...\n"
            "\n"
            "Lists the tools: name, permission level, description and parameters.\n"
            "  --json                 one JSON array: name, description, permission_level,\n"
            "                         input_schema of each tool\n"
            "  --tools-dir DIR        also load the tools in DIR/<name>/tool.json (repeatable)\n"
            "Tools are found in the built-in directory next to the binary, then in each\n"
            "directory of $BOXAGNTS_TOOLS_PATH (colon-separated), then in each --tools-dir.\n"
            "\n"
            "Exit status: 0 listed, 1 no tools found or a --tools-dir unreadable, 2 usage.\n");
}

/* ---- the registry -------------------------------------------------------- */

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Loads every tool directory; prints problems (broken manifests) as
 * warnings.  Returns NULL after printing why. */
/* ---- the confined call ---------------------------------------------------- */

/* The worker's reply: 'J' + the result JSON, or 'E' + status + message. */
typedef struct call_job {
    bx_registry *r;
    const char *tool, *input;
    const bx_tool_context *ctx;
    int audit_fd;
    int cache_in_parent;      /* the module was loaded here through the cache */
} call_job;

static int call_body(void *arg, int fd)
{
    call_job *j = arg;
    bx_tool_context ctx = *j->ctx;
    if (j->cache_in_parent) ctx.g.cache_dir = NULL;   /* neither granted nor needed */
    FILE *audit = NULL;
    if (j->audit_fd >= 0) {
        /* the log is the parent's: lines go over the socket (src/confine) */
        if (!(audit = bxc_audit_stream(fd))) return -1;
        ctx.audit_file = audit;
    }
    bx_tool_result res;
    bx_error err;
    memset(&res, 0, sizeof res);
    memset(&err, 0, sizeof err);
    bx_status st = bx_tool_call(j->r, j->tool, &ctx, j->input, &res, &err);
    char *json = st == BX_OK ? bx_tool_result_json(&res) : NULL;
    int rc;
    if (json) {
        rc = bxc_reply(fd, "J", 1) || bxc_reply(fd, json, strlen(json));
    } else {
        uint8_t h[2] = { 'E', (uint8_t)(st == BX_OK ? BX_ERR_NOMEM : st) };
        const char *m = st == BX_OK ? "out of memory" : err.msg;
        rc = bxc_reply(fd, h, 2) || bxc_reply(fd, m, strnlen(m, sizeof err.msg));
    }
    cJSON_free(json);
    bx_tool_result_free(&res);
    if (audit) fclose(audit);
    return rc ? -1 : 0;
}

/* The tools' directories, read-only for the worker (modules load lazily). */
static bx_status tool_dirs_policy(bxc_policy *p, char **extra, size_t nextra, bx_error *err)
{
    char dir[PATH_MAX];
    bx_status st = BX_OK;
    cli_builtin_tools_dir(dir, sizeof dir, NULL, 0);
    if (dir[0]) st = bxc_policy_add_path(p, dir, 0, err);
    const char *path = getenv("BOXAGNTS_TOOLS_PATH");
    if (!st && path && *path) {
        char *copy = strdup(path), *save = NULL;
        for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d && !st; d = strtok_r(NULL, ":", &save))
            st = bxc_policy_add_path(p, d, 0, err);
        free(copy);
    }
    for (size_t i = 0; i < nextra && !st; i++)
        st = bxc_policy_add_path(p, extra[i], 0, err);
    return st;
}

/* Check the worker's reply and print the result with what confinement
 * held.  Returns the exit status. */
static int call_report(const uint8_t *b, size_t n, const bxc_status *cs)
{
    if (cs->end == BX_CONFINE_REFUSED) {
        fprintf(stderr, "boxagnts call: %s\n", cs->detail);
        return EXIT_ERROR;
    }
    cJSON *o = NULL;
    if (cs->end == BX_CONFINE_ENDED && n >= 2 && b[0] == 'E' && b[1] > BX_OK && b[1] < BX_STATUS_COUNT) {
        int len = n - 2 > 255 ? 255 : (int)(n - 2);
        char msg[256];
        memcpy(msg, b + 2, (size_t)len);
        msg[len] = 0;
        for (char *c = msg; *c; c++)
            if ((unsigned char)*c < 0x20) *c = ' ';
        fprintf(stderr, "boxagnts call: %s\n", msg);
        return cli_setup_exit((bx_status)b[1]);
    }
    if (cs->end == BX_CONFINE_ENDED && n >= 1 && b[0] == 'J')
        o = cJSON_ParseWithLength((const char *)b + 1, n - 1);
    if (o && (!cJSON_IsObject(o) || !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(o, "content")) ||
              !cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(o, "is_error")))) {
        cJSON_Delete(o);
        o = NULL;
    }
    int rc = EXIT_OK;
    if (!o) {   /* the worker ended without a result we believe */
        const char *why = cs->end == BX_CONFINE_ENDED ? "crashed: the worker sent a malformed result"
                                                      : cs->detail;
        o = cJSON_CreateObject();
        if (!o) return EXIT_ERROR;
        cJSON_AddStringToObject(o, "content", why);
        cJSON_AddBoolToObject(o, "is_error", 1);
        cJSON_AddNullToObject(o, "metadata");
        cJSON_AddStringToObject(o, "outcome", cs->end == BX_CONFINE_VIOLATION ? "confinement_violation" : "crashed");
        if (cs->end == BX_CONFINE_VIOLATION) cJSON_AddStringToObject(o, "syscall", cs->syscall);
        fprintf(stderr, "boxagnts call: %s\n", why);
        rc = EXIT_ERROR;
    }
    cJSON_AddStringToObject(o, "os_confinement", bxc_level_name(cs->level));
    cJSON_AddStringToObject(o, "os_confinement_reason", cs->reason);
    char *json = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!json) return EXIT_ERROR;
    puts(json);
    cJSON_free(json);
    return rc;
}

static bx_registry *load_registry(char **extra, size_t nextra, const char *cmd)
{
    bx_registry *r = bx_registry_new();
    bx_error err;
    if (!r) {
        fprintf(stderr, "boxagnts %s: out of memory\n", cmd);
        return NULL;
    }
    char dir[PATH_MAX], looked[3 * PATH_MAX];
    size_t searched = nextra;
    cli_builtin_tools_dir(dir, sizeof dir, looked, sizeof looked);
    searched += dir[0] != 0;
    if (dir[0] && bx_registry_load_dir(r, dir, &err) != BX_OK)
        fprintf(stderr, "boxagnts %s: warning: %s\n", cmd, err.msg);
    const char *path = getenv("BOXAGNTS_TOOLS_PATH");
    if (path && *path) {
        char *copy = strdup(path), *save = NULL;
        for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d; d = strtok_r(NULL, ":", &save), searched++)
            if (bx_registry_load_dir(r, d, &err) != BX_OK)
                fprintf(stderr, "boxagnts %s: warning: BOXAGNTS_TOOLS_PATH: %s\n", cmd, err.msg);
        free(copy);
    }
    for (size_t i = 0; i < nextra; i++)
        if (bx_registry_load_dir(r, extra[i], &err) != BX_OK) {
            fprintf(stderr, "boxagnts %s: %s\n", cmd, err.msg);
            bx_registry_free(r);
            return NULL;
        }
    for (size_t i = 0; i < bx_registry_problem_count(r); i++)
        fprintf(stderr, "boxagnts %s: warning: tool skipped: %s\n", cmd, bx_registry_problem(r, i));
    if (bx_registry_count(r) == 0) {
        cli_no_tools(cmd, looked, searched);
        bx_registry_free(r);
        return NULL;
    }
    return r;
}

/* ---- boxagnts tools ------------------------------------------------------ */

static void print_params(const char *schema_text)
{
    cJSON *s = cJSON_Parse(schema_text);
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(s, "properties");
    const cJSON *req = cJSON_GetObjectItemCaseSensitive(s, "required");
    const cJSON *p;
    cJSON_ArrayForEach(p, props) {
        int required = 0;
        const cJSON *q;
        cJSON_ArrayForEach(q, req) if (cJSON_IsString(q) && !strcmp(q->valuestring, p->string)) required = 1;
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(p, "type");
        const cJSON *d = cJSON_GetObjectItemCaseSensitive(p, "description");
        char *tt = cJSON_IsString(t) ? NULL : cJSON_PrintUnformatted(t);
        printf("    %-20s %-8s %s%s\n", p->string, cJSON_IsString(t) ? t->valuestring : (tt ? tt : "any"),
               required ? "(required) " : "", cJSON_IsString(d) ? d->valuestring : "");
        cJSON_free(tt);
    }
    cJSON_Delete(s);
}

int cmd_tools(int argc, char **argv)
{
    cli_opts fl;
    cli_opts_init(&fl, CLI_TOOLS, "tools", tools_usage);
    int rc = cli_parse(&fl, argc, argv, 0);
    if (rc < 0 && fl.npos) {
        fprintf(stderr, "boxagnts tools: unknown argument %s (usage: boxagnts tools [--json] [--tools-dir DIR])\n",
                fl.pos[0]);
        rc = EXIT_USAGE;
    }
    if (rc >= 0) {
        cli_opts_free(&fl);
        return rc;
    }
    int json = fl.json;
    bx_registry *r = load_registry(fl.tool_dirs, fl.ntool_dirs, "tools");
    cli_opts_free(&fl);
    if (!r) return EXIT_ERROR;
    if (json) {
        cJSON *arr = cJSON_CreateArray();
        for (size_t i = 0; arr && i < bx_registry_count(r); i++) {
            const bx_tool *t = bx_registry_at(r, i);
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "name", t->name);
            cJSON_AddStringToObject(o, "description", t->description);
            cJSON_AddStringToObject(o, "permission_level", bx_perm_name(t->level));
            cJSON_AddItemToObject(o, "input_schema", cJSON_Parse(t->input_schema));
            cJSON_AddItemToArray(arr, o);
        }
        char *s = cJSON_Print(arr);
        if (s) puts(s);
        cJSON_free(s);
        cJSON_Delete(arr);
    } else {
        for (size_t i = 0; i < bx_registry_count(r); i++) {
            const bx_tool *t = bx_registry_at(r, i);
            printf("%-14s %-10s %s\n", t->name, bx_perm_name(t->level), t->description);
            print_params(t->input_schema);
        }
    }
    bx_registry_free(r);
    return EXIT_OK;
}

/* ---- boxagnts call ------------------------------------------------------- */

static char *read_all(FILE *f, size_t max)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            if (cap > max) { free(buf); return NULL; }
            char *nb = realloc(buf, cap * 2);
            if (!nb) { free(buf); return NULL; }
            buf = nb, cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0) break;
    }
    if (buf) buf[n] = 0;
    return buf;
}

int cmd_call(int argc, char **argv)
{
    cli_opts fl;
    cli_opts_init(&fl, CLI_CALL, "call", call_usage);
    bx_tool_context ctx;
    memset(&ctx, 0, sizeof ctx);
    bxc_policy pol;
    bxc_policy_init(&pol);
    const char *input_arg = NULL;
    char *input = NULL;
    int rc;
    bx_registry *r = NULL;
    bx_tool_result res;
    memset(&res, 0, sizeof res);

    if ((rc = cli_parse(&fl, argc, argv, 0)) >= 0)
        goto done;
    rc = EXIT_USAGE;
    if (argc < 1 || argv[0][0] == '-') {
        fprintf(stderr, "boxagnts call: name a tool first: boxagnts call TOOL [options] '{json}' (see boxagnts tools)\n");
        goto done;
    }
    const char *tool = fl.pos[0];
    if (fl.npos > 2) {
        fprintf(stderr, "boxagnts call: one input only (got a second: %.40s)\n", fl.pos[2]);
        goto done;
    }
    input_arg = fl.npos == 2 ? fl.pos[1] : NULL;
    ctx.g = fl.g;            /* borrowed from fl */
    ctx.max_level = fl.max_level;
    ctx.agent_id = fl.agent_id ? fl.agent_id : "cli";
    char cache_buf[PATH_MAX];
    const char *cache_from = NULL;
    ctx.g.cache_dir = (char *)cli_cache_dir(fl.g.cache_dir, cache_buf, sizeof cache_buf, &cache_from);
    if (ctx.g.nsecret_headers) {   /* a bad secret is refused whatever the tool (src/net checks it) */
        bx_net_config nc;
        bx_error nerr;
        memset(&nc, 0, sizeof nc);
        nc.g.secret_headers = ctx.g.secret_headers;
        nc.g.nsecret_headers = ctx.g.nsecret_headers;
        bx_net *chk = bx_net_new(&nc, &nerr);
        if (!chk) {
            fprintf(stderr, "boxagnts call: --secret-header: %s\n", nerr.msg);
            goto done;
        }
        bx_net_free(chk);
    }
    if (ctx.g.workspace && !is_dir(ctx.g.workspace)) {
        fprintf(stderr, "boxagnts call: --workspace %s is not a directory\n", ctx.g.workspace);
        goto done;
    }
    /* A bad grant is the operator's mistake, refused as `run` does (exit
     * 2), not an is_error result that looks like the tool's failure. */
    if ((rc = cli_check_grants("call", ctx.g.workspace, (const char *const *)ctx.g.caps, ctx.g.ncaps,
                               ctx.g.cache_dir, cache_from)) != 0)
        goto done;
    rc = EXIT_USAGE;

    if (!input_arg) {
        input = strdup("{}");
    } else if (!strcmp(input_arg, "-")) {
        input = read_all(stdin, 64u << 20);
        if (!input) {
            fprintf(stderr, "boxagnts call: cannot read the input from stdin (over 64 MiB or out of memory)\n");
            goto done;
        }
    } else {
        input = strdup(input_arg);
    }
    if (!input) { rc = EXIT_ERROR; goto done; }

    r = load_registry(fl.tool_dirs, fl.ntool_dirs, "call");
    if (!r) { rc = EXIT_ERROR; goto done; }
    bx_error err;
    memset(&err, 0, sizeof err);
    pol.cache_in_parent = !fl.no_confine;
    if (bxc_policy_from_tool_context(&pol, &ctx, &err) != BX_OK ||
        tool_dirs_policy(&pol, fl.tool_dirs, fl.ntool_dirs, &err) != BX_OK) {
        fprintf(stderr, "boxagnts call: %s\n", err.msg);
        rc = EXIT_ERROR;
        goto done;
    }
    pol.disabled = fl.no_confine;
    pol.require_full = fl.g.require_os_confinement;
    const bx_tool *bt = bx_registry_find(r, tool);
    if (bt) {
        pol.preload_curl = bt->needs_network;
        if (!pol.timeout_ns) pol.timeout_ns = bt->default_timeout_ns;
    }
    call_job job = { r, tool, input, &ctx, -1, 0 };
    if (bt && pol.cache_in_parent && pol.cache_use) {
        /* the tool's module through the cache here (the worker can reach
         * neither cache nor key); a failure is the worker's to report */
        bx_error perr;
        job.cache_in_parent = bx_tool_prepare(bt, ctx.g.cache_dir, &perr) == BX_OK;
    }
    /* The compiled tier, loaded here before the worker is forked (a
     * confined worker can neither run the C compiler nor map code); auto
     * takes a cached artifact only: a one-shot call cannot profit from a
     * compilation. */
    if (!ctx.g.tier) ctx.g.tier = bx_tier_env();
    char tier_why[160] = "";
    if (bt && (ctx.g.tier == BX_TIER_AOT || ctx.g.tier == BX_TIER_AUTO))
        bx_tool_prepare_tier(bt, pol.cache_use ? ctx.g.cache_dir : NULL, ctx.g.tier,
                             ctx.g.tier == BX_TIER_AOT, tier_why, sizeof tier_why);
    if (ctx.g.audit_path) {
        /* opened here, before the worker's confinement; the worker appends */
        if ((job.audit_fd = open(ctx.g.audit_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666)) < 0) {
            fprintf(stderr, "boxagnts call: cannot open audit log %s: %s\n", ctx.g.audit_path, strerror(errno));
            rc = EXIT_ERROR;
            goto done;
        }
        pol.audit_fd = job.audit_fd;
    }
    bxc_status cs;
    uint8_t *reply = NULL;
    size_t rlen = 0;
    bx_status st = bxc_exec(&pol, call_body, &job, (size_t)256 << 20, &reply, &rlen, &cs, &err);
    if (job.audit_fd >= 0) close(job.audit_fd);
    if (st != BX_OK) {
        fprintf(stderr, "boxagnts call: %s\n", err.msg);
        rc = EXIT_ERROR;
        goto done;
    }
    rc = call_report(reply, rlen, &cs);
    free(reply);

done:
    bxc_policy_free(&pol);
    bx_tool_result_free(&res);
    bx_registry_free(r);
    cli_opts_free(&fl);
    free(input);
    return rc;
}
