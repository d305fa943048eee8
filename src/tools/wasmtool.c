/*
 * wasmtool.c — WasmTool: a tool that is a WebAssembly module plus its
 * manifest (tool.json).  Loading parses and checks the manifest and
 * compiles the module once; every call builds a bx_run_options that is the
 * intersection of what the manifest needs and what the caller's context
 * grants, runs the module under bx_sandbox_run_module with the input on
 * stdin, and turns whatever happened (a result object, a trap, a timeout,
 * garbage on stdout) into a bx_tool_result.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tools_impl.h"
#include "component.h"
#include "aot.h"

/* The write cap of a tool call whose manifest and caller set none. */
#define BX_TOOL_MAX_WRITE_DEFAULT (256ull << 20)

#define MANIFEST_MAX (1u << 20)
#define MODULE_MAX   (256u << 20)


typedef struct wasm_tool {
    bx_tool tool;                 /* tool.impl points back here */
    char *name, *description, *schema;
    char *title, *output_schema;  /* optional "title", "output_schema" */
    char *path;                   /* the .wasm, for messages */
    /* Compiled on first use (a registry lists many tools, a call uses one),
     * then immutable and shared by concurrent calls. */
    pthread_mutex_t mu;
    bx_module *module;
    bxcm_comp *comp;               /* or a component (src/component) */
    char load_error[256];         /* malformed/invalid: every call says so */
    /* The compiled tier (bx_tool_prepare_tier): set once, before workers
     * are forked, never by a call; aot_why says why there is none. */
    bxa_module *aot;
    char aot_why[160];
    bx_workspace_need workspace;
    int network;
    char **env; size_t nenv;      /* variable names the tool may receive */
    int argv_input;               /* "input": "argv" */
    char *timeout_field;          /* input field that may shorten the timeout */
    uint64_t timeout_ns, max_memory, max_stack, fuel, max_output, max_write;
    atomic_ulong calls;           /* for sandbox ids */
} wasm_tool;

static char *slurp(const char *path, size_t max, size_t *len, bx_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) { bx_error_setf(err, BX_ERR_IO, "cannot open %s: %s", path, strerror(errno)); return NULL; }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        bx_error_setf(err, BX_ERR_ARG, "%s is not a regular file", path);
        return NULL;
    }
    if ((uint64_t)st.st_size > max) {
        fclose(f);
        bx_error_setf(err, BX_ERR_LIMIT, "%s is larger than %zu bytes", path, max);
        return NULL;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    if (!buf) { fclose(f); bx_error_setf(err, BX_ERR_NOMEM, "out of memory reading %s", path); return NULL; }
    size_t n = fread(buf, 1, (size_t)st.st_size, f);
    int bad = ferror(f);
    fclose(f);
    if (bad || n != (size_t)st.st_size) {
        free(buf);
        bx_error_setf(err, BX_ERR_IO, "cannot read %s", path);
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

static void wasm_tool_destroy(bx_tool *t)
{
    wasm_tool *w = t->impl;
    if (!w) return;
    free(w->name); free(w->description); free(w->schema); free(w->path); free(w->timeout_field);
    free(w->title); free(w->output_schema);
    for (size_t i = 0; i < w->nenv; i++) free(w->env[i]);
    free(w->env);
    bxa_module_free(w->aot);
    if (w->module) bx_module_free(w->module);
    bxcm_free(w->comp);
    pthread_mutex_destroy(&w->mu);
    free(w);
}

void bx_tool_free(bx_tool *t)
{
    if (t && t->destroy) t->destroy(t);
}

static int name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64) return 0;
    for (size_t i = 0; i < n; i++)
        if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-' || s[i] == '_'))
            return 0;
    return 1;
}

static bx_status limit_field(const cJSON *limits, const char *key, int is_size, uint64_t *out,
                             const char *mpath, bx_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(limits, key);
    if (!v) return BX_OK;
    if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 1.8e19) {
        *out = (uint64_t)v->valuedouble;
        if (!is_size && strcmp(key, "timeout") == 0) *out *= 1000000000ull;   /* bare number = seconds */
        return BX_OK;
    }
    if (!cJSON_IsString(v))
        return bx_error_setf(err, BX_ERR_ARG, "%s: limits.%s must be a string like \"30s\" / \"64MiB\" or a number", mpath, key);
    bx_error e2;
    bx_status st = strcmp(key, "timeout") == 0 ? bx_parse_duration(v->valuestring, out, &e2)
                                               : bx_parse_size(v->valuestring, out, &e2);
    if (st) return bx_error_setf(err, BX_ERR_ARG, "%s: limits.%s: %s", mpath, key, e2.msg);
    return BX_OK;
}

static bx_status wasm_tool_execute(const bx_tool *t, const bx_tool_context *ctx,
                                   const char *input_json, bx_tool_result *out, bx_error *err);

bx_tool *bx_wasm_tool_load(const char *mpath, bx_error *err)
{
    size_t len = 0;
    char *text = slurp(mpath, MANIFEST_MAX, &len, err);
    if (!text) return NULL;
    const char *end = NULL;
    cJSON *m = cJSON_ParseWithOpts(text, &end, 1);
    if (!cJSON_IsObject(m)) {
        size_t off = end ? (size_t)(end - text) : 0;
        bx_error_setf(err, BX_ERR_ARG, "%s: not a JSON object (syntax error near byte %zu)", mpath, off);
        cJSON_Delete(m);
        free(text);
        return NULL;
    }
    free(text);

    wasm_tool *w = calloc(1, sizeof *w);
    bx_status st = BX_OK;
    char msg[400];
    if (!w) { bx_error_setf(err, BX_ERR_NOMEM, "out of memory"); cJSON_Delete(m); return NULL; }
    pthread_mutex_init(&w->mu, NULL);
    w->tool.impl = w;
    w->tool.destroy = wasm_tool_destroy;
    w->tool.execute = wasm_tool_execute;

    const cJSON *name = cJSON_GetObjectItemCaseSensitive(m, "name");
    const cJSON *desc = cJSON_GetObjectItemCaseSensitive(m, "description");
    const cJSON *level = cJSON_GetObjectItemCaseSensitive(m, "permission_level");
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(m, "input_schema");
    const cJSON *needs = cJSON_GetObjectItemCaseSensitive(m, "needs");
    const cJSON *limits = cJSON_GetObjectItemCaseSensitive(m, "limits");
    const cJSON *input = cJSON_GetObjectItemCaseSensitive(m, "input");
    const cJSON *module = cJSON_GetObjectItemCaseSensitive(m, "module");

    if (!cJSON_IsString(name) || !name_ok(name->valuestring)) {
        st = bx_error_setf(err, BX_ERR_ARG, "%s: \"name\" must be 1-64 characters of a-z 0-9 - _", mpath);
        goto fail;
    }
    if (!cJSON_IsString(desc) || !desc->valuestring[0]) {
        st = bx_error_setf(err, BX_ERR_ARG, "%s: \"description\" (a non-empty string) is required", mpath);
        goto fail;
    }
    if (!cJSON_IsString(level) || bx_perm_parse(level->valuestring, &w->tool.level, err) != BX_OK) {
        st = bx_error_setf(err, BX_ERR_ARG, "%s: \"permission_level\" must be one of none, read_only, write, execute, dangerous, forbidden", mpath);
        goto fail;
    }
    if (!schema || bxt_schema_lint(schema, msg, sizeof msg) != 0) {
        st = bx_error_setf(err, BX_ERR_ARG, "%s: %s", mpath, schema ? msg : "\"input_schema\" is required");
        goto fail;
    }
    if (needs && !cJSON_IsObject(needs)) {
        st = bx_error_setf(err, BX_ERR_ARG, "%s: \"needs\" must be an object", mpath);
        goto fail;
    }
    const cJSON *nws = cJSON_GetObjectItemCaseSensitive(needs, "workspace");
    if (nws) {
        const char *v = cJSON_IsString(nws) ? nws->valuestring : "";
        if (!strcmp(v, "none")) w->workspace = BX_NEED_NONE;
        else if (!strcmp(v, "read")) w->workspace = BX_NEED_READ;
        else if (!strcmp(v, "write")) w->workspace = BX_NEED_WRITE;
        else { st = bx_error_setf(err, BX_ERR_ARG, "%s: needs.workspace must be \"none\", \"read\" or \"write\"", mpath); goto fail; }
    }
    const cJSON *nnet = cJSON_GetObjectItemCaseSensitive(needs, "network");
    if (nnet && !cJSON_IsBool(nnet)) { st = bx_error_setf(err, BX_ERR_ARG, "%s: needs.network must be true or false", mpath); goto fail; }
    w->network = cJSON_IsTrue(nnet);
    const cJSON *nenv = cJSON_GetObjectItemCaseSensitive(needs, "env");
    if (nenv) {
        if (!cJSON_IsArray(nenv)) { st = bx_error_setf(err, BX_ERR_ARG, "%s: needs.env must be a list of variable names", mpath); goto fail; }
        w->env = calloc((size_t)cJSON_GetArraySize(nenv) + 1, sizeof *w->env);
        if (!w->env) { st = bx_error_setf(err, BX_ERR_NOMEM, "out of memory"); goto fail; }
        const cJSON *e;
        cJSON_ArrayForEach(e, nenv) {
            if (!cJSON_IsString(e) || !e->valuestring[0] || strchr(e->valuestring, '=')) {
                st = bx_error_setf(err, BX_ERR_ARG, "%s: needs.env must be a list of variable names", mpath);
                goto fail;
            }
            if (!(w->env[w->nenv++] = strdup(e->valuestring))) { st = bx_error_setf(err, BX_ERR_NOMEM, "out of memory"); goto fail; }
        }
    }
    if (limits && !cJSON_IsObject(limits)) { st = bx_error_setf(err, BX_ERR_ARG, "%s: \"limits\" must be an object", mpath); goto fail; }
    if ((st = limit_field(limits, "timeout", 0, &w->timeout_ns, mpath, err)) ||
        (st = limit_field(limits, "max_memory", 1, &w->max_memory, mpath, err)) ||
        (st = limit_field(limits, "max_stack", 1, &w->max_stack, mpath, err)) ||
        (st = limit_field(limits, "max_output", 1, &w->max_output, mpath, err)) ||
        (st = limit_field(limits, "max_write", 1, &w->max_write, mpath, err)))
        goto fail;
    const cJSON *fuel = cJSON_GetObjectItemCaseSensitive(limits, "fuel");
    if (fuel) {
        if (!cJSON_IsNumber(fuel) || fuel->valuedouble < 0) { st = bx_error_setf(err, BX_ERR_ARG, "%s: limits.fuel must be a number >= 0", mpath); goto fail; }
        w->fuel = (uint64_t)fuel->valuedouble;
    }
    const cJSON *tf = cJSON_GetObjectItemCaseSensitive(limits, "timeout_from_input");
    if (tf) {
        if (!cJSON_IsString(tf)) { st = bx_error_setf(err, BX_ERR_ARG, "%s: limits.timeout_from_input must name an input field", mpath); goto fail; }
        if (!(w->timeout_field = strdup(tf->valuestring))) { st = bx_error_setf(err, BX_ERR_NOMEM, "out of memory"); goto fail; }
    }
    if (input) {
        if (cJSON_IsString(input) && !strcmp(input->valuestring, "argv")) w->argv_input = 1;
        else if (!cJSON_IsString(input) || strcmp(input->valuestring, "json") != 0) {
            st = bx_error_setf(err, BX_ERR_ARG, "%s: \"input\" must be \"json\" or \"argv\"", mpath);
            goto fail;
        }
    }
    const char *modname = cJSON_IsString(module) ? module->valuestring : "tool.wasm";
    if (module && !cJSON_IsString(module)) { st = bx_error_setf(err, BX_ERR_ARG, "%s: \"module\" must be a file name", mpath); goto fail; }
    if (!modname[0] || strchr(modname, '/') || !strcmp(modname, "..") || !strcmp(modname, ".")) {
        st = bx_error_setf(err, BX_ERR_ARG, "%s: \"module\" must be a file name next to the manifest", mpath);
        goto fail;
    }
    /* The module sits next to the manifest. */
    const char *slash = strrchr(mpath, '/');
    size_t dl = slash ? (size_t)(slash - mpath) + 1 : 0;
    w->path = malloc(dl + strlen(modname) + 1);
    if (!w->path) { st = bx_error_setf(err, BX_ERR_NOMEM, "out of memory"); goto fail; }
    memcpy(w->path, mpath, dl);
    strcpy(w->path + dl, modname);

    w->name = strdup(name->valuestring);
    w->description = strdup(desc->valuestring);
    w->schema = cJSON_PrintUnformatted(schema);
    if (!w->name || !w->description || !w->schema) { st = bx_error_setf(err, BX_ERR_NOMEM, "out of memory"); goto fail; }
    w->tool.name = w->name;
    w->tool.description = w->description;
    w->tool.needs_network = w->network;
    w->tool.default_timeout_ns = w->timeout_ns;
    w->tool.default_fuel = w->fuel;
    w->tool.input_schema = w->schema;
    w->tool.needs_workspace = w->workspace;
    {
        const cJSON *ti = cJSON_GetObjectItemCaseSensitive(m, "title");
        const cJSON *os = cJSON_GetObjectItemCaseSensitive(m, "output_schema");
        if (ti && (!cJSON_IsString(ti) || !*ti->valuestring || strlen(ti->valuestring) > 200)) {
            st = bx_error_setf(err, BX_ERR_ARG, "%s: \"title\" must be a string of 1 to 200 characters", mpath);
            goto fail;
        }
        if (os && (!cJSON_IsObject(os) || !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(os, "type")) ||
                   strcmp(cJSON_GetObjectItemCaseSensitive(os, "type")->valuestring, "object"))) {
            st = bx_error_setf(err, BX_ERR_ARG, "%s: \"output_schema\" must be a JSON Schema of type \"object\" (the metadata)", mpath);
            goto fail;
        }
        if ((ti && !(w->title = strdup(ti->valuestring))) || (os && !(w->output_schema = cJSON_PrintUnformatted(os)))) {
            st = bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
            goto fail;
        }
        w->tool.title = w->title;
        w->tool.output_schema = w->output_schema;
    }

    /* A cheap check now (the file is there and is a wasm binary); the
     * full decode and validation when the tool is first called. */
    {
        unsigned char head[8];
        static const unsigned char magic[8] = { 0, 'a', 's', 'm', 1, 0, 0, 0 };
        FILE *f = fopen(w->path, "rb");
        if (!f) { st = bx_error_setf(err, BX_ERR_IO, "%s: cannot open %s: %s", mpath, w->path, strerror(errno)); goto fail; }
        size_t got = fread(head, 1, sizeof head, f);
        fclose(f);
        if (got != sizeof head || (memcmp(head, magic, sizeof head) != 0 && !bxcm_is_component(head, got))) {
            st = bx_error_setf(err, BX_ERR_MALFORMED, "%s: the module %s is not a WebAssembly 1.0 binary", mpath, w->path);
            goto fail;
        }
    }
    cJSON_Delete(m);
    return &w->tool;

fail:
    (void)st;
    cJSON_Delete(m);
    wasm_tool_destroy(&w->tool);
    return NULL;
}

/* ---- one call ---------------------------------------------------------- */

static int env_allowed(const wasm_tool *w, const char *spec)
{
    size_t n = strcspn(spec, "=");
    for (size_t i = 0; i < w->nenv; i++)
        if (strlen(w->env[i]) == n && !strncmp(w->env[i], spec, n)) return 1;
    return 0;
}

/*
 * The tool's metadata (a copy, or a new object) with the symbolic links
 * the call made, as the host saw them: "links_created" [{path, target}]
 * and "links_made" replace whatever the tool itself said under those
 * names.  NULL when there is nothing to say (no metadata, no links).
 */
static cJSON *note_links(const cJSON *md, const bx_run_result *r)
{
    cJSON *o = cJSON_IsObject(md) ? cJSON_Duplicate(md, 1) : NULL;
    if (!r->links_made)
        return o;
    if (!o && !(o = cJSON_CreateObject()))
        return NULL;
    cJSON_DeleteItemFromObjectCaseSensitive(o, "links_created");
    cJSON_DeleteItemFromObjectCaseSensitive(o, "links_made");
    cJSON *a = cJSON_AddArrayToObject(o, "links_created");
    for (uint32_t i = 0; a && i < r->nlinks; i++) {
        cJSON *l = cJSON_CreateObject();
        if (!l) break;
        cJSON_AddStringToObject(l, "path", r->links[i].path);
        cJSON_AddStringToObject(l, "target", r->links[i].target);
        cJSON_AddItemToArray(a, l);
    }
    cJSON_AddNumberToObject(o, "links_made", (double)r->links_made);
    return o;
}

/* The intersection: workspace grants only as far as the manifest needs
 * them (write grants become read grants for a read-only tool), fetch grants
 * only for network tools, env grants only for variables the manifest
 * names; deny rules always (they only take away). */
static bx_status build_options(const wasm_tool *w, const bx_tool_context *ctx, const cJSON *input,
                               bx_run_options *o, bx_error *err)
{
    bx_status st;
    int have_fs_grant = 0;
    if (ctx->g.workspace && (st = bx_run_options_set_workspace(o, ctx->g.workspace, err))) return st;
    for (size_t i = 0; i < ctx->g.ncaps; i++) {
        const char *g = ctx->g.caps[i];
        if (!strncmp(g, "read:", 5) || !strncmp(g, "write:", 6)) {
            if (w->workspace == BX_NEED_NONE) continue;
            have_fs_grant = 1;
            if (g[0] == 'w' && w->workspace == BX_NEED_READ) {
                char buf[PATH_MAX + 16];
                snprintf(buf, sizeof buf, "read:%s", g + 6);
                if ((st = bx_run_options_add_cap(o, buf, err))) return st;
                continue;
            }
        } else if (!strncmp(g, "fetch:", 6)) {
            if (!w->network) continue;
        } else if (!strncmp(g, "env:", 4)) {
            if (!env_allowed(w, g + 4)) continue;
        } else if (strncmp(g, "deny:", 5) != 0) {
            return bx_error_setf(err, BX_ERR_ARG, "bad grant '%s': expected read:, write:, fetch:, env: or deny:", g);
        }
        if ((st = bx_run_options_add_cap(o, g, err))) return st;
    }
    /* A workspace and no explicit fs grant: the workspace itself, at the
     * level the tool needs. */
    if (ctx->g.workspace && !have_fs_grant && w->workspace != BX_NEED_NONE &&
        (st = bx_run_options_add_cap(o, w->workspace == BX_NEED_WRITE ? "write:/workspace" : "read:/workspace", err)))
        return st;
    /* The caller's lists and audit log (borrowed: merge copies).  Lifting
     * a block or lending a credential only matters to a tool that may
     * reach the network; the others never see them. */
    bx_grants rest;
    bx_grants_init(&rest);
    rest.block_networks = ctx->g.block_networks, rest.nblock_networks = ctx->g.nblock_networks;
    rest.block_url = ctx->g.block_url, rest.nblock_url = ctx->g.nblock_url;
    if (w->network) {
        rest.allow_networks = ctx->g.allow_networks, rest.nallow_networks = ctx->g.nallow_networks;
        rest.secret_headers = ctx->g.secret_headers, rest.nsecret_headers = ctx->g.nsecret_headers;
    }
    rest.audit_path = ctx->g.audit_path;
    if ((st = bx_grants_merge(&o->g, &rest, err))) return st;

    /* Limits: the caller's where set, else the manifest's. */
    o->g.timeout_ns = ctx->g.timeout_ns ? ctx->g.timeout_ns : w->timeout_ns;
    o->g.max_memory = ctx->g.max_memory ? ctx->g.max_memory : w->max_memory;
    o->g.max_stack = ctx->g.max_stack ? ctx->g.max_stack : w->max_stack;
    o->g.fuel = ctx->g.fuel ? ctx->g.fuel : w->fuel;
    o->g.max_output = ctx->g.max_output ? ctx->g.max_output : w->max_output;
    /* Every tool call has a write cap: a manifest without one gets 256 MiB. */
    o->g.max_write = ctx->g.max_write ? ctx->g.max_write : w->max_write ? w->max_write : BX_TOOL_MAX_WRITE_DEFAULT;
    /* The input may ask for less time (bash's timeout_seconds), never more
     * than the caller allows. */
    if (w->timeout_field) {
        const cJSON *tv = cJSON_GetObjectItemCaseSensitive(input, w->timeout_field);
        if (cJSON_IsNumber(tv) && tv->valuedouble > 0 && tv->valuedouble < 1e7) {
            uint64_t ns = (uint64_t)(tv->valuedouble * 1e9);
            if (ns == 0) ns = 1;   /* 0 would mean "no timeout" */
            /* Against the effective timeout (the caller's, else the
             * manifest's): the input only ever shortens it. */
            if (!o->g.timeout_ns || ns < o->g.timeout_ns) o->g.timeout_ns = ns;
        }
    }
    return BX_OK;
}

/* argv mode: each key as --key-name value (underscores become dashes);
 * true booleans as a bare flag, false/null omitted, other values as JSON. */
static char **build_argv(const wasm_tool *w, const cJSON *input, uint32_t *argc)
{
    int n = cJSON_GetArraySize(input);
    char **av = calloc((size_t)n * 2 + 2, sizeof *av);
    if (!av) return NULL;
    uint32_t k = 0;
    av[k++] = strdup(w->name);
    const cJSON *f;
    cJSON_ArrayForEach(f, input) {
        if (cJSON_IsFalse(f) || cJSON_IsNull(f)) continue;
        size_t kl = strlen(f->string);
        char *flag = malloc(kl + 3);
        if (!flag) goto oom;
        flag[0] = flag[1] = '-';
        for (size_t i = 0; i <= kl; i++) flag[i + 2] = f->string[i] == '_' ? '-' : f->string[i];
        av[k++] = flag;
        if (cJSON_IsTrue(f)) continue;
        av[k++] = cJSON_IsString(f) ? strdup(f->valuestring) : cJSON_PrintUnformatted(f);
        if (!av[k - 1]) goto oom;
    }
    if (!av[0]) goto oom;
    *argc = k;
    return av;
oom:
    for (uint32_t i = 0; i < k; i++) free(av[i]);
    free(av);
    return NULL;
}

/* The call hit --max-write: say so in the content and as
 * metadata.limits_hit, and make it an error (later writes failed). */
static bx_status note_write_limit(bx_tool_result *out, const char *name, uint64_t cap)
{
    char note[320];
    snprintf(note, sizeof note,
             "%s[the %s call reached its write cap of %llu bytes: later writes failed with "
             "EDQUOT (Disk quota exceeded); raise --max-write, or max_write in the policy or "
             "the manifest's limits]",
             out->content && out->content[0] && out->content[strlen(out->content) - 1] != '\n' ? "\n" : "",
             name, (unsigned long long)cap);
    size_t n = strlen(out->content ? out->content : "");
    char *c = malloc(n + strlen(note) + 1);
    if (!c) return BX_ERR_NOMEM;
    memcpy(c, out->content ? out->content : "", n);
    strcpy(c + n, note);
    free(out->content);
    out->content = c;
    out->is_error = 1;
    cJSON *md = out->metadata ? cJSON_Parse(out->metadata) : cJSON_CreateObject();
    if (!md || !cJSON_IsObject(md)) { cJSON_Delete(md); md = cJSON_CreateObject(); }
    cJSON *lh = cJSON_GetObjectItemCaseSensitive(md, "limits_hit");
    if (!cJSON_IsArray(lh)) {
        cJSON_DeleteItemFromObjectCaseSensitive(md, "limits_hit");
        lh = cJSON_AddArrayToObject(md, "limits_hit");
    }
    if (lh) cJSON_AddItemToArray(lh, cJSON_CreateString("max_write"));
    char *text = md ? cJSON_PrintUnformatted(md) : NULL;
    cJSON_Delete(md);
    if (!text) return BX_ERR_NOMEM;
    char *m = strdup(text);
    cJSON_free(text);
    if (!m) return BX_ERR_NOMEM;
    free(out->metadata);
    out->metadata = m;
    return BX_OK;
}

static void describe_failure(const wasm_tool *w, const bx_run_result *r, char *buf, size_t cap)
{
    switch (r->outcome) {
    case BX_RUN_TRAPPED:
        if (r->cancelled)
            snprintf(buf, cap, "The %s call was cancelled.", w->name);
        else if (r->timed_out)
            snprintf(buf, cap, "The %s call was stopped: %s.", w->name, r->message);
        else
            snprintf(buf, cap, "The %s tool stopped: %s (%s).", w->name, bx_run_outcome(r), r->message);
        break;
    case BX_RUN_OUT_OF_MEMORY:
        snprintf(buf, cap, "The %s tool could not start: %s.", w->name, r->message);
        break;
    case BX_RUN_LOAD_ERROR:
        snprintf(buf, cap, "The %s tool could not start: %s.", w->name, r->message);
        break;
    default:
        snprintf(buf, cap, "The %s tool exited with status %d without a result.", w->name, r->exit_code);
        break;
    }
}

/* A tool that broke its contract is debugged from what it printed: up to
 * `max` bytes of out as text (control bytes but \n and \t shown as '?',
 * a UTF-8 sequence never cut in half), "..." when there was more. */
static void cut_output(const uint8_t *out, size_t len, size_t max, char *buf, size_t cap)
{
    size_t n = len < max ? len : max;
    if (n >= cap - 4) n = cap - 4;
    if (n < len)
        while (n > 0 && (out[n] & 0xC0) == 0x80) n--;
    for (size_t i = 0; i < n; i++)
        buf[i] = out[i] < 0x20 && out[i] != '\n' && out[i] != '\t' ? '?' : (char)out[i];
    snprintf(buf + n, cap - n, "%s", n < len ? "..." : "");
}

/* The shared module, compiled on the first call.  NULL when it does not
 * load, with why in why[].  A malformed or invalid module is remembered
 * (every later call says so at once); any other failure (out of memory, the
 * file being rebuilt) is retried by the next call, so a passing problem
 * never breaks the tool for the life of a server. */
static const bx_module *module_of(wasm_tool *w, const char *cache_dir, char *why, size_t cap,
                                  const bxcm_comp **comp)
{
    pthread_mutex_lock(&w->mu);
    if (!w->module && !w->comp && !w->load_error[0]) {
        size_t len = 0;
        bx_error e;
        memset(&e, 0, sizeof e);
        /* read once, its SHA-256 from the cache's stamp of the file when
         * it is unchanged since hashed (cache_stamp.c) */
        uint8_t digest[32];
        char *bytes = (char *)bx_module_file_read(w->path, MODULE_MAX, cache_dir, &len, digest, &e);
        if (bytes) {
            memset(&e, 0, sizeof e);
            if (bxcm_is_component((const uint8_t *)bytes, len)) {
                if (!(w->comp = bxcm_decode_cached((const uint8_t *)bytes, len, cache_dir, &e)) && e.status == BX_OK) e.status = BX_ERR_INVALID;
            } else
                w->module = bx_module_new_cached_digest((const uint8_t *)bytes, len, digest, cache_dir, NULL, &e);
            free(bytes);
        }
        if (!w->module && !w->comp) {
            snprintf(why, cap, "%s", e.msg[0] ? e.msg : "cannot load");
            if (bytes && (e.status == BX_ERR_MALFORMED || e.status == BX_ERR_INVALID))
                snprintf(w->load_error, sizeof w->load_error, "%s", why);
        }
    } else if (!w->module && !w->comp) {
        snprintf(why, cap, "%s", w->load_error);
    }
    const bx_module *m = w->module;
    *comp = w->comp;
    pthread_mutex_unlock(&w->mu);
    return m;
}

/* boxagnts:progress.output(ptr, len) -> 0: the guest's output so far (the
 * bash tool's), handed to the caller's ctx->progress while the call runs.
 * Defined for every tool (a no-op without a callback), so a module that
 * imports it links under every caller. */
static bx_trap h_progress_output(bx_hostcall *hc, uint64_t *a)
{
    const bx_tool_context *ctx = hc->user;
    uint64_t p = (uint32_t)a[0], n = (uint32_t)a[1];
    if (p > hc->mem_size || n > hc->mem_size - p)
        return bx_hostcall_fail(hc, "boxagnts:progress.output: the text is outside the module's memory");
    bx_trap t = bx_hostcall_charge(hc, bx_fuel_for_bytes(n));
    if (t != BX_TRAP_NONE) return t;
    if (ctx && ctx->progress && n) ctx->progress(ctx->progress_user, (const char *)hc->mem + p, (size_t)n);
    a[0] = 0;
    return BX_TRAP_NONE;
}

bx_status bx_tool_define_imports(void *user, bx_store *s, bx_linker *l, bx_error *err)
{
    static const bx_valtype i32s[2] = {BX_I32, BX_I32};
    bx_functype ft = {2, 1, i32s, i32s};
    bx_func *f = bx_func_new_host(s, &ft, h_progress_output, user);
    if (!f) return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
    bx_extern e;
    e.kind = BX_EXTERN_FUNC;
    e.of.func = f;
    if (bx_linker_define(l, "boxagnts:progress", "output", e) != BX_OK)
        return bx_error_setf(err, BX_ERR_ARG, "cannot define boxagnts:progress.output");
    return BX_OK;
}

static bx_status wasm_tool_execute(const bx_tool *t, const bx_tool_context *ctx,
                                   const char *input_json, bx_tool_result *out, bx_error *err)
{
    wasm_tool *w = t->impl;
    bx_status st;
    cJSON *input = cJSON_Parse(input_json);
    if (!cJSON_IsObject(input)) {
        cJSON_Delete(input);
        return bxt_tool_result_errorf(out, "invalid input: not a JSON object");
    }
    bx_run_options o;
    bx_run_options_init(&o);
    if ((st = build_options(w, ctx, input, &o, err)) != BX_OK) {
        /* A grant that does not resolve (missing directory, ...) is the
         * caller's setup, reported as the call's error. */
        bx_run_options_free(&o);
        cJSON_Delete(input);
        if (st == BX_ERR_NOMEM) return st;
        return bxt_tool_result_errorf(out, "%s", err->msg);
    }
    /* A cache this call's guest could write is refused (the call fails,
     * saying why); one whose key a grant reaches, or without a usable key,
     * is not used (the call goes on without it). */
    const char *cache = ctx->g.cache_dir;
    char cache_note[1024] = "";
    if (cache) {
        char cwhy[1024];
        bx_cache_verdict cv = bx_run_options_cache_verdict(&o, cache, cwhy, sizeof cwhy);
        if (cv == BX_CACHE_REFUSED) {
            bx_run_options_free(&o);
            cJSON_Delete(input);
            return bxt_tool_result_errorf(out, "The %s tool was not run: %s.", w->name, cwhy);
        }
        if (cv != BX_CACHE_USE) {
            cache = NULL;
            snprintf(cache_note, sizeof cache_note, "%s", cwhy);
        }
    }
    char why[256];
    const bxcm_comp *comp = NULL;
    const bx_module *mod = module_of(w, cache, why, sizeof why, &comp);
    if (!mod && !comp) {
        bx_run_options_free(&o);
        cJSON_Delete(input);
        return bxt_tool_result_errorf(out, "The %s tool is broken: its module %s does not load: %s",
                                     w->name, w->path, why);
    }

    char sid[160];
    unsigned long nth = atomic_fetch_add(&w->calls, 1) + 1;
    snprintf(sid, sizeof sid, "%s/%s#%lu", ctx->agent_id ? ctx->agent_id : "call", w->name, nth);

    bx_run_io io;
    memset(&io, 0, sizeof io);
    const char *argv0[1] = { w->name };
    char **av = NULL;
    uint32_t ac = 1;
    if (w->argv_input) {
        if (!(av = build_argv(w, input, &ac))) {
            bx_run_options_free(&o);
            cJSON_Delete(input);
            return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
        }
        io.argv = (const char *const *)av;
        io.stdin_kind = BX_WASI_STDIN_EMPTY;
    } else {
        io.argv = argv0;
        io.stdin_kind = BX_WASI_STDIN_BUFFER;
        io.stdin_buf = (const uint8_t *)input_json;
        io.stdin_len = strlen(input_json);
    }
    io.argc = ac;
    io.capture = 1;
    io.sandbox_id = sid;
    io.cancel = ctx->cancel;
    io.audit_file = ctx->audit_file;
    io.define_imports = bx_tool_define_imports;
    io.define_user = (void *)ctx;
    io.stop_on_output_cap = !w->argv_input;   /* a cut JSON result is no result */

    /* The compiled tier only as prepared before this process was forked
     * (bx_tool_prepare_tier): a call never compiles, it may be confined. */
    int want_aot = ctx->g.tier == BX_TIER_AOT || ctx->g.tier == BX_TIER_AUTO;
    char tier_why[160] = "";
    if (want_aot) {
        pthread_mutex_lock(&w->mu);
        o.aot_module = w->aot;
        snprintf(tier_why, sizeof tier_why, "%s",
                 w->aot ? "the compiled module does not fit this instance"
                        : w->aot_why[0] ? w->aot_why : "not compiled yet");
        pthread_mutex_unlock(&w->mu);
    }

    bx_run_result r;
    bx_error rerr;
    memset(&rerr, 0, sizeof rerr);
    st = comp ? bxs_run_component(&o, comp, &io, &r, &rerr) : bx_sandbox_run_module(&o, mod, &io, &r, &rerr);
    o.aot_module = NULL;
    if (av) {
        for (uint32_t i = 0; i < ac; i++) free(av[i]);
        free(av);
    }
    cJSON_Delete(input);
    uint64_t out_cap = o.g.max_output ? o.g.max_output : 1048576, write_cap = o.g.max_write;
    bx_run_options_free(&o);

    char msg[2048], so[512];
    if (st != BX_OK && r.outcome != BX_RUN_LOAD_ERROR && r.outcome != BX_RUN_OUT_OF_MEMORY) {
        bx_run_result_free(&r);
        if (st == BX_ERR_NOMEM) return bx_error_setf(err, st, "%s", rerr.msg);
        return bxt_tool_result_errorf(out, "The %s tool could not run: %s", w->name, rerr.msg);
    }

    if (w->argv_input) {
        /* Plain text out: stdout, then stderr; a non-zero status is an error. */
        int ok = r.outcome == BX_RUN_EXITED;
        size_t n = r.out_len + r.err_len + sizeof msg + 8;
        char *text = malloc(n);
        if (!text) { bx_run_result_free(&r); return bx_error_setf(err, BX_ERR_NOMEM, "out of memory"); }
        size_t k = 0;
        memcpy(text, r.out ? (char *)r.out : "", r.out_len), k = r.out_len;
        if (r.err_len) { memcpy(text + k, r.err, r.err_len); k += r.err_len; }
        if (!ok) {
            describe_failure(w, &r, msg, sizeof msg);
            k += (size_t)snprintf(text + k, n - k, "%s%s", k ? "\n" : "", msg);
        } else if (r.exit_code != 0) {
            /* is_error must come with a reason the model can read. */
            k += (size_t)snprintf(text + k, n - k, "%s[the %s tool exited with status %d]",
                                  k && text[k - 1] != '\n' ? "\n" : "", w->name, r.exit_code);
        }
        text[k] = 0;
        cJSON *mdc = note_links(NULL, &r);
        char *mtext = mdc ? cJSON_PrintUnformatted(mdc) : NULL;
        cJSON_Delete(mdc);
        st = bxt_tool_result_set(out, text, !ok || r.exit_code != 0, mtext);
        cJSON_free(mtext);
        free(text);
    } else if (r.outcome == BX_RUN_EXITED && r.exit_code == 0 && !r.out_truncated) {
        cJSON *res = cJSON_ParseWithLength(r.out ? (const char *)r.out : "", r.out_len);
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(res, "content");
        const cJSON *ie = cJSON_GetObjectItemCaseSensitive(res, "is_error");
        const cJSON *md = cJSON_GetObjectItemCaseSensitive(res, "metadata");
        if (cJSON_IsObject(res) && cJSON_IsString(c) && (!ie || cJSON_IsBool(ie)) &&
            (!md || cJSON_IsObject(md) || cJSON_IsNull(md))) {
            cJSON *mdc = note_links(md, &r);
            char *mtext = mdc ? cJSON_PrintUnformatted(mdc) : NULL;
            cJSON_Delete(mdc);
            st = bxt_tool_result_set(out, c->valuestring, cJSON_IsTrue(ie), mtext);
            cJSON_free(mtext);
        } else {
            cut_output(r.out, r.out_len, 400, so, sizeof so);
            snprintf(msg, sizeof msg, "The %s tool broke its contract: it exited with status 0 but printed no "
                     "valid result object ({\"content\": \"...\", \"is_error\": false, \"metadata\": {...}}). "
                     "stdout (%zu bytes): %s%s%.*s",
                     w->name, r.out_len, r.out_len ? so : "(empty)", r.err_len ? "; stderr: " : "",
                     (int)(r.err_len > 400 ? 400 : r.err_len), r.err ? (char *)r.err : "");
            st = bxt_tool_result_set(out, msg, 1, NULL);
        }
        cJSON_Delete(res);
    } else {
        if (r.outcome == BX_RUN_EXITED && r.exit_code == 0)
            snprintf(msg, sizeof msg, "The %s tool's result exceeded the output cap of %llu bytes (raise --max-output).",
                     w->name, (unsigned long long)out_cap);
        else
            describe_failure(w, &r, msg, sizeof msg);
        if (r.out_len && r.outcome == BX_RUN_EXITED && r.exit_code != 0) {
            size_t k = strlen(msg);
            cut_output(r.out, r.out_len, 400, so, sizeof so);
            snprintf(msg + k, sizeof msg - k, " stdout (%zu bytes): %s", r.out_len, so);
        }
        if (r.err_len && r.outcome == BX_RUN_EXITED) {
            size_t k = strlen(msg);
            snprintf(msg + k, sizeof msg - k, " stderr: %.*s", (int)(r.err_len > 400 ? 400 : r.err_len), (char *)r.err);
        }
        st = bxt_tool_result_set(out, msg, 1, NULL);
    }
    if (st == BX_OK && r.write_limit_hit)
        st = note_write_limit(out, w->name, write_cap);
    out->fuel_used = r.fuel_used;
    out->wall_ns = r.wall_ns;
    out->peak_memory = r.peak_memory;
    snprintf(out->tier, sizeof out->tier, "%s", r.tier_aot ? "aot" : "interp");
    if (want_aot && !r.tier_aot)
        snprintf(out->tier_reason, sizeof out->tier_reason, "%s", tier_why);
    bx_run_result_free(&r);
    if (cache_note[0] && st == BX_OK) {     /* why the cache was not used, in the metadata */
        cJSON *md = out->metadata ? cJSON_Parse(out->metadata) : cJSON_CreateObject();
        char *t = NULL;
        if (cJSON_IsObject(md) && cJSON_AddStringToObject(md, "cache_warning", cache_note) &&
            (t = cJSON_PrintUnformatted(md))) {
            char *copy = strdup(t);
            if (copy) {
                free(out->metadata);
                out->metadata = copy;
            }
        }
        cJSON_free(t);
        cJSON_Delete(md);
    }
    if (st == BX_ERR_NOMEM) return bx_error_setf(err, st, "out of memory");
    return BX_OK;
}

/* For a server's zygote (src/server): the module compiled before workers
 * are forked from it, so they share it and never open the cache. */
bx_status bx_tool_prepare(const bx_tool *t, const char *cache_dir, bx_error *err)
{
    if (!t || t->execute != wasm_tool_execute)
        return BX_OK;
    char why[256];
    const bxcm_comp *comp = NULL;
    if (!module_of(t->impl, cache_dir, why, sizeof why, &comp) && !comp)
        return bx_error_setf(err, BX_ERR_INVALID, "%s", why);
    return BX_OK;
}

int bx_tool_prepare_tier(const bx_tool *t, const char *cache_dir, int tier, int allow_compile,
                         char *why, size_t cap)
{
    return bx_tool_prepare_tier_cancel(t, cache_dir, tier, allow_compile, NULL, why, cap);
}

int bx_tool_prepare_tier_cancel(const bx_tool *t, const char *cache_dir, int tier, int allow_compile,
                                const volatile int *cancel, char *why, size_t cap)
{
    if (cap) why[0] = '\0';
    if (!t || t->execute != wasm_tool_execute || (tier != BX_TIER_AOT && tier != BX_TIER_AUTO))
        return 0;
    wasm_tool *w = t->impl;
    char mwhy[256];
    const bxcm_comp *comp = NULL;
    const bx_module *m = module_of(w, cache_dir, mwhy, sizeof mwhy, &comp);
    if (!m) {   /* a component's core modules are interpreted (src/aot takes modules) */
        snprintf(why, cap, "%s", comp ? "a component: the interpreter runs it" : mwhy);
        return 0;
    }
    pthread_mutex_lock(&w->mu);
    int have = w->aot != NULL;
    pthread_mutex_unlock(&w->mu);
    if (have) return 1;
    /* Outside the lock: a compilation takes seconds, and calls of this tool
     * (a server's threads) go on interpreted meanwhile. */
    char awhy[160] = "";
    bxa_module *am = bxa_module_get_cancel(m, cache_dir, allow_compile, cancel, awhy, sizeof awhy);
    pthread_mutex_lock(&w->mu);
    if (am && !w->aot) {
        w->aot = am;
        am = NULL;
    } else if (!w->aot) {
        snprintf(w->aot_why, sizeof w->aot_why, "%s", awhy);
    }
    have = w->aot != NULL;
    snprintf(why, cap, "%s", have ? "" : w->aot_why);
    pthread_mutex_unlock(&w->mu);
    bxa_module_free(am);
    return have;
}
