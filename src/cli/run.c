/*
 * run.c — `boxagnts run`: one WASI module under grants and limits
 * (bx_sandbox_run), result record as text or JSON.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <inttypes.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aot.h"
#include "cli.h"
#include "confine.h"
#include "flags.h"

static void run_usage(FILE *f)
{
    fprintf(f,
            "usage: boxagnts run [options] MODULE.wasm [ARGS...]\n"
            "\n"
            "Runs a WASI preview1 program (its _start, or one export with --invoke) or a\n"
            "WASI 0.2 component (its wasi:cli/run; told apart by the header) in a\n"
            "default-deny sandbox: no files, no environment, no network unless granted.\n"
            "Options go before MODULE.wasm; everything after it is passed to the guest.\n"
            "\n"
            "grants:\n"
            "  --workspace DIR        host directory behind /workspace in grants\n"
            "  --cap read:GUEST[=HOST]    read-only access to GUEST (under /workspace: the\n"
            "                             workspace's HOST path unless =HOST is given)\n"
            "  --cap write:GUEST[=HOST]   read-write access\n"
            "  --cap env:NAME[=VALUE]     pass NAME from the host, or set it to VALUE\n"
            "  --cap deny:PATTERN         make matching guest paths absent, e.g.\n"
            "                             deny:/workspace/**/.env\n"
            "  --cap fetch:ORIGIN         outbound HTTP(S) to ORIGIN (import boxagnts:http),\n"
            "                             e.g. https://*.example.com, http://127.0.0.1:8080\n"
            "  --dir HOST[::GUEST][:ro]   wasmtime's spelling of a directory grant\n"
            "  --env NAME[=VALUE]         same as --cap env:NAME[=VALUE]\n"
            "  --allow-host PATTERN       same as --cap fetch:PATTERN\n"
            "  --block-network CIDR|private   refuse connections there (private is always\n"
            "                             blocked: loopback, RFC 1918, link-local, ...)\n"
            "  --allow-network CIDR       lift the blocks for these addresses only, e.g. 127.0.0.1\n"
            "  --block-url PREFIX         refuse URLs starting with PREFIX\n"
            "  --secret-header ORIGIN:NAME=env:VAR   the host adds header NAME (value from\n"
            "                             $VAR) to requests to ORIGIN (bare host = https only);\n"
            "                             the module never sees it\n"
            "limits:\n"
            "  --timeout DURATION     wall-clock limit, e.g. 5s, 200ms (default: none)\n"
            "  --max-memory SIZE      cap linear memory and tables together, e.g. 64MiB\n"
            "                         (memory.grow and table.grow return -1)\n"
            "  --max-stack SIZE       cap the wasm stack (default 1MiB)\n"
            "  --fuel N               stop after N instructions\n"
            "  --tier interp|aot|auto run interpreted, compiled to native code with the\n"
            "                         system C compiler (cached; falls back to the\n"
            "                         interpreter), or compiled only if cached (default:\n"
            "                         $BOXAGNTS_TIER, else interp)\n"
            "  --max-output SIZE      capture stdout/stderr up to SIZE each and print them at\n"
            "                         the end, truncation marked (default: passed through)\n"
            "  --max-write SIZE       bytes the module may write to granted files (default:\n"
            "                         no cap); past it writes fail with EDQUOT\n"
            "  --max-fds N            open file descriptors, counting stdio and one per\n"
            "                         granted directory (default 256); more opens fail EMFILE\n"
            "other:\n"
            "  --invoke NAME          call export NAME with ARGS parsed by its parameter types\n"
            "                         (as `invoke` does) and print its results one per line;\n"
            "                         a component's: --invoke 'NAME(ARGS)' (or NAME, ARGS) in\n"
            "                         WAVE, the result printed as WAVE (see README)\n"
            "  --stdin-file FILE      the guest's stdin (default: the host's stdin)\n"
            "  --audit FILE           append one JSON line per capability decision\n"
            "  --json                 print the result record as JSON on stderr at the end\n"
            "  --json-file FILE       write the result record as JSON to FILE\n"
            "  --cache-dir DIR        keep compiled modules in DIR (created 0700) so later\n"
            "                         runs of the same module skip compilation; best effort.\n"
            "                         Refused inside or above a writable grant; entries are\n"
            "                         signed with ~/.config/boxagnts/cache.key\n"
            "  --require-os-confinement   refuse to run unless the worker process is fully\n"
            "                         confined by the kernel (Landlock, seccomp, rlimits)\n"
            "  --no-os-confinement    run in this process, without the kernel's wall\n"
            "                         (debugging; reported as \"os_confinement\": \"none\")\n"
            "  SIZE: bytes or with B/K/KiB/M/MiB/G/GiB (KB/MB/GB: powers of 1000)\n"
            "\n"
            "exit status: the guest's exit code when it exits (0 when --invoke returns), else\n"
            "  2    usage error or bad grant\n"
            "  120  the module could not be loaded (unreadable, malformed, invalid,\n"
            "       unlinkable, no _start / no such export)\n"
            "  121  trap (unreachable, out of bounds, ...)\n"
            "  122  stack exhausted (raise --max-stack)\n"
            "  123  fuel exhausted (raise --fuel)\n"
            "  124  timeout (raise --timeout)\n"
            "  125  out of memory at instantiation (raise --max-memory)\n"
            "  126  confinement violation: a forbidden system call stopped the worker\n"
            "  118  the worker crashed (a signal, or no valid result)\n"
            "  1    other host error\n"
            "A one-line message on stderr (\"boxagnts: ...\") says which limit or grant\n"
            "stopped the module and how to change that.\n");
}

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

/* A guest-made string (a link's name or target): as json_str, and a byte
 * that is not valid UTF-8 becomes U+FFFD, so the record stays JSON. */
static void json_guest_str(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', f);
    while (*p) {
        size_t n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 0;
        size_t k = 1;
        while (n > 1 && k < n && (p[k] & 0xC0) == 0x80) k++;
        if (n == 0 || k < n || (n == 2 && *p < 0xC2)) {
            fputs("\\ufffd", f);
            p++;
        } else if (n == 1) {
            if (*p == '"' || *p == '\\') fprintf(f, "\\%c", *p);
            else if (*p < 0x20 || *p == 0x7F) fprintf(f, "\\u%04x", *p);
            else fputc(*p, f);
            p++;
        } else {
            fwrite(p, 1, n, f);
            p += n;
        }
    }
    fputc('"', f);
}

static void json_val(FILE *f, bx_valtype t, uint64_t bits)
{
    switch (t) {
    case BX_I32:
        fprintf(f, "%" PRId32, (int32_t)(uint32_t)bits);
        return;
    case BX_I64:
        fprintf(f, "%" PRId64, (int64_t)bits);
        return;
    case BX_F32: {
        float x;
        uint32_t b = (uint32_t)bits;
        memcpy(&x, &b, 4);
        if (isfinite(x))
            fprintf(f, "%.9g", (double)x);
        else
            fprintf(f, "\"%s\"", isnan(x) ? "nan" : x < 0 ? "-inf" : "inf");
        return;
    }
    case BX_F64: {
        double d;
        memcpy(&d, &bits, 8);
        if (isfinite(d))
            fprintf(f, "%.17g", d);
        else
            fprintf(f, "\"%s\"", isnan(d) ? "nan" : d < 0 ? "-inf" : "inf");
        return;
    }
    default:
        if (bits == 0)
            fputs("null", f);
        else
            fprintf(f, "\"%s\"", bx_valtype_name(t));
    }
}

static void write_json(FILE *f, const bx_run_result *r, int code, const bxc_status *cs,
                       const char *module_cache)
{
    fputs("{\"outcome\":", f);
    json_str(f, bx_run_outcome(r));
    fprintf(f, ",\"exit_code\":%d,\"status\":%d,\"trap\":", (int)r->exit_code, code);
    if (r->outcome == BX_RUN_TRAPPED) {
        const char *m = bx_trap_message(r->trap);
        json_str(f, m ? m : "trap");
    } else {
        fputs("null", f);
    }
    fputs(",\"message\":", f);
    json_str(f, r->message);
    fprintf(f,
            ",\"tier\":\"%s\",\"fuel_used\":%" PRIu64 ",\"wall_ms\":%.3f,\"peak_memory_bytes\":%" PRIu64
            ",\"stdout_truncated\":%s,\"stderr_truncated\":%s,\"bytes_written\":%" PRIu64
            ",\"limits_hit\":[%s],\"results\":[",
            r->tier_aot ? "aot" : "interp", r->fuel_used, (double)r->wall_ns / 1e6, r->peak_memory,
            r->out_truncated ? "true" : "false", r->err_truncated ? "true" : "false",
            r->bytes_written, r->write_limit_hit ? "\"max_write\"" : "");
    for (uint32_t i = 0; i < r->nresults && i < BX_RUN_MAX_RESULTS; i++) {
        if (i)
            fputc(',', f);
        if (r->results[i].type == BX_V128 && i + 1 < r->nresults) {   /* two entries */
            fprintf(f, "\"0x%016" PRIx64 "%016" PRIx64 "\"", r->results[i + 1].bits,
                    r->results[i].bits);
            i++;
        } else {
            json_val(f, r->results[i].type, r->results[i].bits);
        }
    }
    fputs("]", f);
    if (r->wave) {   /* a component's --invoke: the result in WAVE */
        fputs(",\"wave\":", f);
        json_guest_str(f, r->wave);
        fprintf(f, ",\"wave_truncated\":%s", r->wave_truncated ? "true" : "false");
    }
    fputs(",\"links\":[", f);       /* symbolic links the guest made */
    for (uint32_t i = 0; i < r->nlinks; i++) {
        fputs(i ? ",{\"path\":" : "{\"path\":", f);
        json_guest_str(f, r->links[i].path);
        fputs(",\"target\":", f);
        json_guest_str(f, r->links[i].target);
        fputc('}', f);
    }
    fprintf(f, "],\"links_made\":%" PRIu64, r->links_made);
    fputs(",\"os_confinement\":", f);
    json_str(f, bxc_level_name(cs->level));
    fputs(",\"os_confinement_reason\":", f);
    json_str(f, cs->reason);
    if (cs->end == BX_CONFINE_VIOLATION) {
        fputs(",\"syscall\":", f);
        json_str(f, cs->syscall);
    }
    if (module_cache) {   /* confined: the cache through this process */
        fputs(",\"module_cache\":", f);
        json_str(f, module_cache);
    }
    fputs("}\n", f);
}

/* The run's last words on stderr, which may be a pipe its reader never
 * empties (the guest may have filled it): written through a non-blocking
 * description of our own (never the shared one's flags), waiting at most
 * FINAL_WAIT_MS for room.  The record file (--json-file) never depends
 * on this. */
#define FINAL_WAIT_MS 2000
static void final_write(int fd, const char *p, size_t n)
{
    struct stat st;
    char path[64];
    int wfd = fd, own = 0, waited = 0;
    fflush(stderr);
    if (!n)
        return;
    if (fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) || isatty(fd))) {
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        if ((wfd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) >= 0)
            own = 1;
        else
            wfd = fd;
    }
    while (n) {
        ssize_t k = write(wfd, p, n);
        if (k > 0) {
            p += k;
            n -= (size_t)k;
        } else if (k < 0 && errno == EAGAIN && waited < FINAL_WAIT_MS) {
            struct pollfd pf = { wfd, POLLOUT, 0 };
            poll(&pf, 1, 10);
            waited += 10;
        } else if (!(k < 0 && errno == EINTR)) {
            break;
        }
    }
    if (own)
        close(wfd);
}

/* The exit status for how the run ended (see usage). */
static int run_exit(const bx_run_result *r)
{
    switch (r->outcome) {
    case BX_RUN_EXITED: return r->exit_code;
    case BX_RUN_RETURNED: return EXIT_OK;
    case BX_RUN_LOAD_ERROR: return RUN_EXIT_LOAD;
    case BX_RUN_OUT_OF_MEMORY: return RUN_EXIT_OOM;
    case BX_RUN_CONFINEMENT_VIOLATION: return RUN_EXIT_VIOLATION;
    case BX_RUN_CRASHED: return RUN_EXIT_CRASHED;
    case BX_RUN_TRAPPED:
        return r->trap == BX_TRAP_INTERRUPTED       ? RUN_EXIT_TIMEOUT
               : r->trap == BX_TRAP_FUEL_EXHAUSTED  ? RUN_EXIT_FUEL
               : r->trap == BX_TRAP_STACK_EXHAUSTED ? RUN_EXIT_STACK
                                                    : RUN_EXIT_TRAP;
    }
    return EXIT_ERROR;
}

int cmd_run(int argc, char **argv)
{
    bx_run_options o;
    bx_run_options_init(&o);
    bx_error err;
    memset(&err, 0, sizeof err);
    cli_opts fl;
    cli_opts_init(&fl, CLI_RUN, "run", run_usage);
    bxc_policy pol;
    bxc_status cs;
    bxc_policy_init(&pol);
    memset(&cs, 0, sizeof cs);
    int rc = EXIT_USAGE;
    uint8_t *wasm = NULL, *stdin_buf = NULL;
    size_t wasm_len = 0, stdin_len = 0;
    bx_val *args = NULL;
    bx_run_result r;
    memset(&r, 0, sizeof r);
    bx_module *pm = NULL;    /* loaded here (--invoke, the compiled tier) */
    bx_cache_event pm_event = BX_CACHE_NONE;

    if ((rc = cli_parse(&fl, argc, argv, 1)) >= 0)
        goto done;
    rc = EXIT_USAGE;
    if (fl.npos < 1) {
        fprintf(stderr, "usage: boxagnts run [options] MODULE.wasm [ARGS...] "
                        "(see boxagnts run --help)\n");
        goto done;
    }
    const char *invoke = fl.invoke, *stdin_file = fl.stdin_file, *json_file = fl.json_file;
    int json = fl.json, max_output_set = fl.max_output_set;
    const char *path = fl.pos[0];
    char **gargs = fl.pos + 1;
    int ngargs = (int)fl.npos - 1;
    if (fl.max_fds) o.max_fds = fl.max_fds;

    /* Grants, in order, after the workspace they may refer to. */
    if (fl.g.workspace && bx_run_options_set_workspace(&o, fl.g.workspace, &err) != BX_OK) {
        fprintf(stderr, "boxagnts: --workspace: %s\n", err.msg);
        goto done;
    }
    for (size_t g = 0; g < fl.ngrants; g++) {
        bx_status st = fl.grants[g].kind == CLI_GRANT_CAP ? bx_run_options_add_cap(&o, fl.grants[g].spec, &err)
                                                          : bx_run_options_add_dir(&o, fl.grants[g].spec, &err);
        if (st != BX_OK) {
            fprintf(stderr, "boxagnts: %s\n", err.msg);
            goto done;
        }
    }
    /* The lists and limits (the grants are resolved above). */
    bx_grants rest = fl.g;
    rest.workspace = NULL, rest.caps = NULL, rest.ncaps = 0;
    if (bx_grants_merge(&o.g, &rest, &err) != BX_OK) {
        fprintf(stderr, "boxagnts: %s\n", err.msg);
        rc = EXIT_ERROR;
        goto done;
    }
    if (o.max_fds < 3 + o.nmap_dirs) {
        fprintf(stderr, "boxagnts run: --max-fds %u is below the 3 stdio fds plus %zu granted "
                        "paths; raise --max-fds\n", (unsigned)o.max_fds, o.nmap_dirs);
        goto done;
    }

    /* The cache is refused when a guest of this run could write it, and
     * skipped (with a warning) when its key is within a grant. */
    if (o.g.cache_dir) {
        char why[1024];
        bx_cache_verdict cv = bx_run_options_cache_verdict(&o, o.g.cache_dir, why, sizeof why);
        if (cv == BX_CACHE_REFUSED) {
            fprintf(stderr, "boxagnts run: --cache-dir refused: %s\n", why);
            rc = EXIT_USAGE;
            goto done;
        }
        if (cv == BX_CACHE_SKIP) {
            fprintf(stderr, "boxagnts run: warning: %s\n", why);
            free(o.g.cache_dir);
            o.g.cache_dir = NULL;
        }
    }

    if (stdin_file) {
        if (!(stdin_buf = cli_read_file(stdin_file, &stdin_len))) {
            rc = EXIT_USAGE;
            goto done;
        }
    }
    /* The cache location rule (cachedir.c).  The default location is used
     * only when no grant of this run reaches it (cached code is trusted). */
    if (o.g.cache_dir && (!*o.g.cache_dir || !strcmp(o.g.cache_dir, "none"))) {
        free(o.g.cache_dir);
        o.g.cache_dir = NULL;
    } else if (!o.g.cache_dir) {
        char cbuf[PATH_MAX], why[PATH_MAX + 64];
        const char *from = NULL, *cd = cli_cache_dir(NULL, cbuf, sizeof cbuf, &from);
        if (cd && cli_cache_overlap(cd, &o, why, sizeof why))
            cli_cache_note("run", "", cd, from, &o);
        else if (cd && !(o.g.cache_dir = strdup(cd))) {
            fprintf(stderr, "boxagnts: out of memory\n");
            rc = EXIT_ERROR;
            goto done;
        }
    }
    /* read once; its SHA-256 (the cache's name for it) from the cache's
     * stamp of this file when it is unchanged since hashed.  Only when this
     * process loads the module itself (--invoke, the compiled tier): else
     * the worker's parent looks it up (src/confine) and hashes it there. */
    uint8_t wdigest[32];
    const uint8_t *wd = NULL;   /* wdigest, when it was made */
    {
        bx_error rerr;
        memset(&rerr, 0, sizeof rerr);
        bxa_tier want = fl.g.tier ? (bxa_tier)(fl.g.tier - BX_TIER_INTERP) : bxa_tier_env(BXA_TIER_INTERP);
        const char *dcache = invoke || want != BXA_TIER_INTERP ? o.g.cache_dir : NULL;
        if (dcache) wd = wdigest;
        if (!(wasm = bx_module_file_read(path, (size_t)1 << 40, dcache, &wasm_len, wdigest, &rerr))) {
            fprintf(stderr, "boxagnts: %s\n", rerr.msg);
            rc = RUN_EXIT_LOAD;
            goto done;
        }
    }

    /* --invoke: parse ARGS by the export's parameter types.  A component's
     * arguments are WAVE text, parsed by its types inside the sandbox
     * (src/component/wave.c): --invoke 'NAME(ARGS)', or NAME and ARGS. */
    uint32_t nargs = 0;
    int comp_invoke = invoke && wasm_len >= 8 && !memcmp(wasm, "\0asm", 4) && wasm[6] == 1;
    if (invoke && !comp_invoke) {
        bx_module *m = pm = bx_module_new_cached_digest(wasm, wasm_len, wd, o.g.cache_dir, &pm_event, &err);
        if (!m) {
            fprintf(stderr, "boxagnts: cannot load module %s: %s\n", path, err.msg);
            rc = RUN_EXIT_LOAD;
            goto done;
        }
        const bx_functype *ft = bx_module_export_functype(m, invoke);
        if (!ft && strchr(invoke, '(')) {
            fprintf(stderr, "boxagnts run: --invoke '%s': NAME(ARGS) is the form for components; "
                            "a module's --invoke takes NAME and its ARGS after the file\n", invoke);
            goto done;   /* m is pm: freed at done */
        }
        if (!ft) {
            fprintf(stderr, "boxagnts: %s has no exported function \"%s\"\n", path, invoke);
            rc = RUN_EXIT_LOAD;
            goto done;
        }
        /* a v128 takes two entries of the API's arrays */
        uint32_t slots = ft->nparams;
        for (uint32_t p = 0; p < ft->nparams; p++) slots += ft->params[p] == BX_V128;
        if (slots > BX_RUN_MAX_RESULTS) {
            fprintf(stderr, "boxagnts run: %s has more parameters than --invoke handles (%d "
                    "values, a v128 counting two)\n", invoke, BX_RUN_MAX_RESULTS);
            goto done;
        }
        if ((uint32_t)ngargs != ft->nparams) {
            cli_arity_error("run", invoke, ft, ngargs);
            goto done;
        }
        args = calloc((size_t)slots + 1, sizeof *args);
        if (!args) {
            rc = EXIT_ERROR;
            goto done;
        }
        for (int p = 0; p < ngargs; p++) {
            int ok = ft->params[p] == BX_V128 ? cli_parse_v128(gargs[p], &args[nargs], &args[nargs + 1])
                                              : cli_parse_arg(ft->params[p], gargs[p], &args[nargs]);
            nargs += ft->params[p] == BX_V128 ? 2 : 1;
            if (!ok) {
                fprintf(stderr, "boxagnts run: argument %d: \"%s\" is not a valid %s\n", p + 1,
                        gargs[p], bx_valtype_name(ft->params[p]));
                    goto done;
            }
        }
    }

    /* The guest's argv: the module's name, then ARGS (unless --invoke). */
    const char **gargv = calloc((size_t)ngargs + 2, sizeof *gargv);
    if (!gargv) {
        rc = EXIT_ERROR;
        goto done;
    }
    const char *base = strrchr(path, '/');
    gargv[0] = base ? base + 1 : path;
    uint32_t gargc = 1;
    if (!invoke)
        for (int k = 0; k < ngargs; k++)
            gargv[gargc++] = gargs[k];

    bx_run_io io;
    memset(&io, 0, sizeof io);
    io.argv = gargv;
    io.argc = gargc;
    io.stdin_kind = stdin_file ? BX_WASI_STDIN_BUFFER : BX_WASI_STDIN_HOST;
    io.stdin_buf = stdin_buf;
    io.stdin_len = stdin_len;
    io.capture = max_output_set;
    io.invoke = invoke;
    io.args = args;
    io.nargs = nargs;
    if (comp_invoke) {
        io.wave_args = (const char *const *)gargs;
        io.nwave_args = (uint32_t)ngargs;
    }
    io.sandbox_id = "run";
    io.define_imports = bx_tool_define_imports;   /* a tool module runs here too */

    /* Confined, the worker reaches neither the cache nor its key: this
     * process reads and writes it (bxc_run_cached). */
    pol.cache_in_parent = !fl.no_confine;
    if (bxc_policy_from_options(&pol, &o, &err) != BX_OK) {
        free(gargv);
        fprintf(stderr, "boxagnts: %s\n", err.msg);
        rc = EXIT_ERROR;
        goto done;
    }
    pol.disabled = fl.no_confine;
    pol.require_full = fl.g.require_os_confinement;
    pol.sandbox_id = io.sandbox_id;
    /* The compiled tier: compiled (or found in the cache) and mapped here,
     * before the worker is forked and walled in (src/aot). */
    bxa_tier tier = fl.g.tier ? (bxa_tier)(fl.g.tier - BX_TIER_INTERP) : bxa_tier_env(BXA_TIER_INTERP);
    bxa_module *aot = NULL;
    char aot_why[160] = "";
    if (tier != BXA_TIER_INTERP) {
        bx_error aerr;
        memset(&aerr, 0, sizeof aerr);
        if (pm || (pm = bx_module_new_cached_digest(wasm, wasm_len, wd, o.g.cache_dir, &pm_event, &aerr)))
            aot = bxa_module_get(pm, o.g.cache_dir, tier == BXA_TIER_AOT, aot_why, sizeof aot_why);
        else
            snprintf(aot_why, sizeof aot_why, "%.150s", aerr.msg);
    }
    o.aot_module = aot;
    bxc_run_cache rcache;
    memset(&rcache, 0, sizeof rcache);
    rcache.module = pm;   /* the worker runs what this process loaded */
    bx_status st = bxc_run_cached(&pol, &o, wasm, wasm_len, &io, &rcache, &r, &cs, &err);
    if (pm && pol.cache_in_parent) rcache.event = pm_event;
    o.aot_module = NULL;
    bxa_module_free(aot);
    free(gargv);
    int setup_failed = st != BX_OK && r.outcome != BX_RUN_LOAD_ERROR && r.outcome != BX_RUN_OUT_OF_MEMORY;
    if (cs.end == BX_CONFINE_REFUSED) {
        /* refused before any guest code: --require-os-confinement */
        bx_error_setf(&err, err.status, "%s", cs.detail);
        snprintf(r.message, sizeof r.message, "%.*s", (int)sizeof r.message - 1, cs.detail);
        setup_failed = 1;
        rc = EXIT_ERROR;
        r.outcome = BX_RUN_LOAD_ERROR;
    } else if (setup_failed) {
        /* Not a verdict on the module: the run could not be set up. */
        snprintf(r.message, sizeof r.message, "%s", err.msg);
        rc = cli_setup_exit(st);
        r.outcome = BX_RUN_LOAD_ERROR;
    }
    if (!setup_failed)
        rc = run_exit(&r);
    if (comp_invoke && r.outcome == BX_RUN_LOAD_ERROR && st == BX_ERR_ARG)
        rc = EXIT_USAGE;   /* the call as written cannot be made, as for a module */
    /* What follows for stderr is kept in memory and written at the end
     * with a bounded wait (final_write): stderr may be a full pipe. */
    char *ebuf = NULL;
    size_t elen = 0;
    FILE *ef = open_memstream(&ebuf, &elen);
    if (!ef)
        ef = stderr;
    const char *mcache = pol.cache_in_parent ? (rcache.refused ? "refused" : bxc_cache_event_name(rcache.event)) : NULL;
    if (rcache.refused)
        fprintf(ef, "boxagnts run: warning: the module was not cached: %s\n", rcache.why);
    if (tier == BXA_TIER_AOT && !r.tier_aot && aot_why[0])
        fprintf(ef, "boxagnts run: --tier aot: the interpreter ran the module (%s)\n", aot_why);
    /* The record file first: stdout or stderr below may be a pipe nobody
     * reads, and a write there must not cost the record. */
    int json_file_failed = 0;
    if (json_file) {
        FILE *jf = fopen(json_file, "w");
        if (!jf || (write_json(jf, &r, rc, &cs, mcache), fclose(jf) != 0)) {
            fprintf(ef, "boxagnts: cannot write %s: %s\n", json_file, strerror(errno));
            json_file_failed = 1;
        }
    }
    fflush(stdout);
    if (io.capture) {
        if (r.out_len)
            fwrite(r.out, 1, r.out_len, stdout);
        fflush(stdout);
        if (r.err_len)
            fwrite(r.err, 1, r.err_len, ef);
    }
    if (setup_failed) {
        fprintf(ef, "boxagnts: %s\n", err.msg);
    } else {
        if (r.outcome == BX_RUN_RETURNED && r.wave) {
            fwrite(r.wave, 1, r.wave_len, stdout);
            if (r.wave_truncated)
                fprintf(ef, "boxagnts: the result's WAVE text was cut at %zu bytes; raise --max-output to see it whole\n",
                        r.wave_len ? r.wave_len - 1 : 0);
        }
        if (r.outcome == BX_RUN_RETURNED)
            for (uint32_t k = 0; k < r.nresults; k++) {
                if (r.results[k].type == BX_V128 && k + 1 < r.nresults) {
                    cli_print_v128(r.results[k].bits, r.results[k + 1].bits);
                    k++;
                } else {
                    cli_print_val(r.results[k].type, r.results[k].bits);
                }
            }
        if (r.outcome == BX_RUN_OUT_OF_MEMORY && !strstr(r.message, "--max-memory"))
            fprintf(ef, "boxagnts: %s; raise --max-memory to allow it\n", r.message);
        else if ((r.outcome != BX_RUN_EXITED && r.outcome != BX_RUN_RETURNED) || r.write_limit_hit)
            fprintf(ef, "boxagnts: %s\n", r.message);
    }
    fflush(stdout);
    if (json)
        write_json(ef, &r, rc, &cs, mcache);
    if (ef != stderr) {
        fclose(ef);
        final_write(2, ebuf, elen);
        free(ebuf);
    }
    if (json_file && json_file_failed && rc == EXIT_OK)
        rc = EXIT_ERROR;

done:
    bx_module_free(pm);
    bxc_policy_free(&pol);
    bx_run_result_free(&r);
    bx_run_options_free(&o);
    cli_opts_free(&fl);
    free(wasm);
    free(stdin_buf);
    free(args);
    return rc;
}

