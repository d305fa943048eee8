/*
 * toolcmd.c — `boxagnts tool new NAME` (a buildable template for one's own
 * tool) and `boxagnts tool check DIR` (is this tool directory what the host
 * expects: manifest, module, imports against the manifest's needs, and the
 * manifest's examples run for real).
 *
 * The template is self-contained: plain WASI C with a small JSON reader for
 * its input and a writer for its result, so it builds with Debian's clang,
 * lld and wasi-libc alone (the toolchain of the built-in tools, whose
 * cJSON-based runtime guest/common is not installed).  Its Makefile makes
 * the same two-symlink sysroot as src/wasi/wasi.mk.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "cli.h"

static void tool_usage(FILE *f)
{
    fprintf(f,
            "usage: boxagnts tool new NAME [--lang c] [--dir PARENT]\n"
            "       boxagnts tool check DIR [--workspace WS]\n"
            "       boxagnts tool precompile [NAME...] [--tools-dir DIR]... [--cache-dir DIR]\n"
            "\n"
            "new    writes PARENT/NAME/ (default PARENT: .): main.c, tool.json, Makefile.\n"
            "       `make -C NAME` builds NAME/tool.wasm with clang --target=wasm32-wasi\n"
            "       (Debian: clang, lld, wasi-libc, libclang-rt-dev-wasm32); then\n"
            "       boxagnts tool check NAME  and  boxagnts call NAME --tools-dir PARENT '{...}'\n"
            "check  validates DIR/tool.json, loads its module, lists the module's imports\n"
            "       against what the manifest needs, and runs the manifest's \"examples\"\n"
            "       ([{\"input\": {...}, \"is_error\": false, \"content_contains\": \"...\"}]).\n"
            "       Exit 0 when all is well, 1 when something is wrong, 2 on usage errors.\n"
            "precompile  compiles the tools' modules (all, or those named) to native code\n"
            "       with the system's C compiler into your module cache, so --tier auto runs\n"
            "       them compiled from the first call.  Per user: cache entries are signed\n"
            "       with your key (see the README's cache section).  Exit 1 when one failed.\n"
            "See docs/tools.md for the manifest, the result object and the host imports.\n");
}

/* ---- tool new ------------------------------------------------------------ */

static const char TEMPLATE_C[] =
    "/*\n"
    " * %s — a BoxAgnts tool (see docs/tools.md).\n"
    " *\n"
    " * The protocol: the input object arrives on stdin (JSON, already checked\n"
    " * against tool.json's input_schema); print ONE result object on stdout,\n"
    " *   {\"content\": \"text for the model\", \"is_error\": false, \"metadata\": {...}}\n"
    " * and exit 0.  Anything else (a trap, a non-zero exit, no or bad JSON) is\n"
    " * reported by the host as the tool breaking its contract.\n"
    " *\n"
    " * Plain WASI C with no library: json_string() reads one string field of a\n"
    " * flat object, put_json_string() writes one.  Replace them with a JSON\n"
    " * library (Debian's cJSON builds for wasm32 too) when the input grows.\n"
    " */\n"
    "#include <stdio.h>\n"
    "#include <stdlib.h>\n"
    "#include <string.h>\n"
    "\n"
    "/* All of stdin, NUL-terminated (NULL when out of memory). */\n"
    "static char *read_stdin(void)\n"
    "{\n"
    "    size_t cap = 4096, n = 0;\n"
    "    char *b = malloc(cap);\n"
    "    for (size_t r; b && (r = fread(b + n, 1, cap - n - 1, stdin)) > 0;) {\n"
    "        n += r;\n"
    "        if (n + 1 == cap) {\n"
    "            char *nb = realloc(b, cap *= 2);\n"
    "            if (!nb) { free(b); return NULL; }\n"
    "            b = nb;\n"
    "        }\n"
    "    }\n"
    "    if (b) b[n] = 0;\n"
    "    return b;\n"
    "}\n"
    "\n"
    "/* The string value of \"key\" at the top level of a JSON object, decoded\n"
    " * (\\\\n, \\\\\", \\\\uXXXX as UTF-8); NULL when absent or not a string. */\n"
    "static char *json_string(const char *js, const char *key)\n"
    "{\n"
    "    size_t kl = strlen(key);\n"
    "    int depth = 0;\n"
    "    for (const char *p = js; *p; p++) {\n"
    "        if (*p == '{' || *p == '[') depth++;\n"
    "        else if (*p == '}' || *p == ']') depth--;\n"
    "        else if (*p == '\"') {\n"
    "            const char *s = ++p;\n"
    "            while (*p && *p != '\"') p += (*p == '\\\\' && p[1]) ? 2 : 1;\n"
    "            if (!*p) return NULL;\n"
    "            const char *q = p + 1;\n"
    "            while (*q == ' ' || *q == '\\t' || *q == '\\n' || *q == '\\r') q++;\n"
    "            if (depth != 1 || *q != ':' || (size_t)(p - s) != kl || strncmp(s, key, kl)) continue;\n"
    "            for (q++; *q == ' ' || *q == '\\t' || *q == '\\n' || *q == '\\r'; q++) {}\n"
    "            if (*q != '\"') return NULL;\n"
    "            char *out = malloc(strlen(q) + 1), *o = out;\n"
    "            if (!out) return NULL;\n"
    "            for (q++; *q && *q != '\"'; q++) {\n"
    "                if (*q != '\\\\') { *o++ = *q; continue; }\n"
    "                switch (*++q) {\n"
    "                case 'n': *o++ = '\\n'; break;\n"
    "                case 't': *o++ = '\\t'; break;\n"
    "                case 'r': *o++ = '\\r'; break;\n"
    "                case 'b': *o++ = '\\b'; break;\n"
    "                case 'f': *o++ = '\\f'; break;\n"
    "                case 'u': {\n"
    "                    unsigned c = (unsigned)strtoul((char[5]){q[1], q[2], q[3], q[4], 0}, NULL, 16);\n"
    "                    q += 4;\n"
    "                    if (c < 0x80) *o++ = (char)c;\n"
    "                    else if (c < 0x800) { *o++ = (char)(0xC0 | c >> 6); *o++ = (char)(0x80 | (c & 63)); }\n"
    "                    else { *o++ = (char)(0xE0 | c >> 12); *o++ = (char)(0x80 | (c >> 6 & 63)); *o++ = (char)(0x80 | (c & 63)); }\n"
    "                    break;\n"
    "                }\n"
    "                default: *o++ = *q; break;   /* \\\" \\\\ \\/ */\n"
    "                }\n"
    "            }\n"
    "            *o = 0;\n"
    "            return out;\n"
    "        }\n"
    "    }\n"
    "    return NULL;\n"
    "}\n"
    "\n"
    "static void put_json_string(const char *s)\n"
    "{\n"
    "    putchar('\"');\n"
    "    for (; *s; s++) {\n"
    "        unsigned char c = (unsigned char)*s;\n"
    "        if (c == '\"' || c == '\\\\') printf(\"\\\\%%c\", c);\n"
    "        else if (c == '\\n') fputs(\"\\\\n\", stdout);\n"
    "        else if (c < 0x20) printf(\"\\\\u%%04x\", c);\n"
    "        else putchar(c);\n"
    "    }\n"
    "    putchar('\"');\n"
    "}\n"
    "\n"
    "static int result(const char *content, int is_error, size_t length)\n"
    "{\n"
    "    fputs(\"{\\\"content\\\":\", stdout);\n"
    "    put_json_string(content);\n"
    "    printf(\",\\\"is_error\\\":%%s,\\\"metadata\\\":{\\\"length\\\":%%zu}}\\n\", is_error ? \"true\" : \"false\", length);\n"
    "    return 0;   /* exit 0 also for is_error: the result says it */\n"
    "}\n"
    "\n"
    "int main(void)\n"
    "{\n"
    "    char *in = read_stdin();\n"
    "    char *name = in ? json_string(in, \"name\") : NULL;\n"
    "    if (!name || !*name) return result(\"name is required: whom to greet, e.g. {\\\"name\\\": \\\"Ada\\\"}\", 1, 0);\n"
    "    char *text = malloc(strlen(name) + 16);\n"
    "    if (!text) return result(\"out of memory\", 1, 0);\n"
    "    sprintf(text, \"Hello, %%s!\", name);\n"
    "    return result(text, 0, strlen(name));\n"
    "}\n";

static const char TEMPLATE_JSON[] =
    "{\n"
    "  \"name\": \"%s\",\n"
    "  \"title\": \"%s\",\n"
    "  \"description\": \"Greets someone by name. Replace this with what the tool does, for the model: what it takes, what it returns, what it never does.\",\n"
    "  \"permission_level\": \"none\",\n"
    "  \"input_schema\": {\n"
    "    \"type\": \"object\",\n"
    "    \"properties\": {\n"
    "      \"name\": {\"type\": \"string\", \"description\": \"Whom to greet.\"}\n"
    "    },\n"
    "    \"required\": [\"name\"],\n"
    "    \"additionalProperties\": false\n"
    "  },\n"
    "  \"needs\": {\"workspace\": \"none\", \"network\": false, \"env\": []},\n"
    "  \"limits\": {\"timeout\": \"5s\", \"max_memory\": \"16MiB\", \"max_output\": \"64KiB\"},\n"
    "  \"input\": \"json\",\n"
    "  \"module\": \"tool.wasm\",\n"
    "  \"output_schema\": {\"type\": \"object\", \"properties\": {\"length\": {\"type\": \"integer\"}}},\n"
    "  \"examples\": [\n"
    "    {\"input\": {\"name\": \"Ada\"}, \"is_error\": false, \"content_contains\": \"Hello, Ada!\"},\n"
    "    {\"input\": {\"name\": \"\\\"quoted\\\" \\u00e9\"}, \"is_error\": false, \"content_contains\": \"Hello, \\\"quoted\\\" \\u00e9!\"},\n"
    "    {\"input\": {\"name\": \"\"}, \"is_error\": true, \"content_contains\": \"name is required\"}\n"
    "  ]\n"
    "}\n";

static const char TEMPLATE_MK[] =
    "# Builds tool.wasm for BoxAgnts with the toolchain its own tools use:\n"
    "# clang --target=wasm32-wasi over Debian's wasi-libc (packages: clang, lld,\n"
    "# wasi-libc, libclang-rt-dev-wasm32).  `make check` runs `boxagnts tool check`.\n"
    "WASM_CC  ?= $(shell command -v clang-14 || command -v clang)\n"
    "BOXAGNTS ?= boxagnts\n"
    "SYSROOT  := .sysroot\n"
    "CFLAGS   ?= -O2 -Wall -Wextra -Werror\n"
    "# wasm-ld's default stack (64 KiB) sits below the data, where an overflow\n"
    "# corrupts it silently: 1 MiB, placed first, so an overflow traps.\n"
    "LDFLAGS  ?= -Wl,-z,stack-size=1048576 -Wl,--stack-first\n"
    "\n"
    "tool.wasm: $(wildcard *.c *.h) $(SYSROOT)/.stamp\n"
    "\t$(WASM_CC) --target=wasm32-wasi --sysroot=$(SYSROOT) $(CFLAGS) $(LDFLAGS) -o $@ $(wildcard *.c)\n"
    "\n"
    "# clang-14 looks for libc in SYSROOT/lib/wasm32-wasi and headers in\n"
    "# SYSROOT/include: Debian's wasi-libc, linked in place.\n"
    "$(SYSROOT)/.stamp:\n"
    "\t@test -d /usr/lib/wasm32-wasi || { echo 'install wasi-libc (and clang lld libclang-rt-dev-wasm32)' >&2; exit 1; }\n"
    "\t@mkdir -p $(SYSROOT)/lib\n"
    "\tln -sfn /usr/include/wasm32-wasi $(SYSROOT)/include\n"
    "\tln -sfn /usr/lib/wasm32-wasi $(SYSROOT)/lib/wasm32-wasi\n"
    "\t@touch $@\n"
    "\n"
    "check: tool.wasm\n"
    "\t$(BOXAGNTS) tool check .\n"
    "\n"
    "clean:\n"
    "\trm -rf tool.wasm $(SYSROOT)\n"
    "\n"
    ".PHONY: check clean\n";

static int write_file(const char *dir, const char *name, const char *fmt, const char *arg)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wx");
    if (!f) {
        fprintf(stderr, "boxagnts tool new: cannot create %s: %s\n", path, strerror(errno));
        return -1;
    }
    int bad = fprintf(f, fmt, arg, arg) < 0;
    bad |= fclose(f) != 0;
    if (bad) fprintf(stderr, "boxagnts tool new: cannot write %s\n", path);
    return bad ? -1 : 0;
}

static int tool_new(int argc, char **argv)
{
    const char *name = NULL, *lang = "c", *parent = ".";
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--lang") && i + 1 < argc) lang = argv[++i];
        else if (!strncmp(argv[i], "--lang=", 7)) lang = argv[i] + 7;
        else if (!strcmp(argv[i], "--dir") && i + 1 < argc) parent = argv[++i];
        else if (argv[i][0] != '-' && !name) name = argv[i];
        else {
            fprintf(stderr, "boxagnts tool new: unexpected %s (see boxagnts tool --help)\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (!name) {
        fprintf(stderr, "boxagnts tool new: name the tool: boxagnts tool new NAME\n");
        return EXIT_USAGE;
    }
    size_t nl = strlen(name);
    int ok = nl >= 1 && nl <= 64;
    for (size_t i = 0; ok && i < nl; i++)
        ok = (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') || name[i] == '-' || name[i] == '_';
    if (!ok) {
        fprintf(stderr, "boxagnts tool new: a tool name is 1-64 characters of a-z 0-9 - _ (got \"%s\")\n", name);
        return EXIT_USAGE;
    }
    if (strcmp(lang, "c")) {
        fprintf(stderr, "boxagnts tool new: --lang %s: only c so far\n", lang);
        return EXIT_USAGE;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/%s", parent, name);
    if (mkdir(dir, 0755) != 0) {
        fprintf(stderr, "boxagnts tool new: cannot create %s: %s\n", dir,
                errno == EEXIST ? "it exists (nothing was changed)" : strerror(errno));
        return EXIT_ERROR;
    }
    if (write_file(dir, "main.c", TEMPLATE_C, "main.c") || write_file(dir, "tool.json", TEMPLATE_JSON, name) ||
        write_file(dir, "Makefile", TEMPLATE_MK, ""))
        return EXIT_ERROR;
    printf("created %s/: main.c tool.json Makefile\n"
           "next:  make -C %s && boxagnts tool check %s\n"
           "       boxagnts call %s --tools-dir %s '{\"name\": \"Ada\"}'\n",
           dir, dir, dir, name, parent);
    return EXIT_OK;
}

/* ---- tool check ---------------------------------------------------------- */

/* What the host links: every wasi_snapshot_preview1 function, and
 * boxagnts:http (useful only to tools whose manifest needs the network:
 * the others receive no fetch: grant). */
static const char *const HTTP_FUNCS[] = {"request", "response_meta", "response_body", "close", "last_error", NULL};

static int tool_check(int argc, char **argv)
{
    const char *dir = NULL, *workspace = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--workspace") && i + 1 < argc) workspace = argv[++i];
        else if (argv[i][0] != '-' && !dir) dir = argv[i];
        else {
            fprintf(stderr, "boxagnts tool check: unexpected %s (see boxagnts tool --help)\n", argv[i]);
            return EXIT_USAGE;
        }
    }
    if (!dir) {
        fprintf(stderr, "boxagnts tool check: name the tool's directory: boxagnts tool check DIR\n");
        return EXIT_USAGE;
    }
    int problems = 0;
    char mpath[PATH_MAX];
    snprintf(mpath, sizeof mpath, "%s/tool.json", dir);
    bx_error err;
    memset(&err, 0, sizeof err);
    bx_tool *t = bx_wasm_tool_load(mpath, &err);
    if (!t) {
        printf("manifest  FAIL  %s\n", err.msg);
        return EXIT_ERROR;
    }
    printf("manifest  ok    %s: %s, level %s\n", mpath, t->name, bx_perm_name(t->level));

    /* The manifest again, for what bx_tool does not expose. */
    size_t mlen = 0;
    char *mtext = (char *)cli_read_file(mpath, &mlen);
    cJSON *m = mtext ? cJSON_Parse(mtext) : NULL;
    free(mtext);
    const cJSON *needs = cJSON_GetObjectItemCaseSensitive(m, "needs");
    const cJSON *mod = cJSON_GetObjectItemCaseSensitive(m, "module");
    int network = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(needs, "network"));
    const cJSON *ws = cJSON_GetObjectItemCaseSensitive(needs, "workspace");
    char wpath[PATH_MAX];
    snprintf(wpath, sizeof wpath, "%s/%s", dir, cJSON_IsString(mod) ? mod->valuestring : "tool.wasm");
    size_t wlen = 0;
    uint8_t *wasm = cli_read_file(wpath, &wlen);
    bx_module *bm = wasm ? bx_module_new(wasm, wlen, &err) : NULL;
    free(wasm);
    if (!bm) {
        printf("module    FAIL  %s: %s\n", wpath, wasm ? err.msg : "unreadable (built? make -C DIR)");
        problems++;
    } else {
        printf("module    ok    %s (%zu bytes, valid)\n", wpath, wlen);
        int has_start = 0;
        for (uint32_t i = 0; i < bx_module_export_count(bm); i++) {
            const char *n;
            bx_externkind k;
            bx_module_export(bm, i, &n, &k);
            has_start |= !strcmp(n, "_start");
        }
        if (!has_start) {
            printf("exports   FAIL  no _start: build a WASI command (a main function)\n");
            problems++;
        }
        uint32_t nimp = bx_module_import_count(bm), nwasi = 0, nfs = 0;
        for (uint32_t i = 0; i < nimp; i++) {
            const char *mn, *n;
            bx_externkind k;
            bx_module_import(bm, i, &mn, &n, &k);
            if (!strcmp(mn, "wasi_snapshot_preview1")) {
                nwasi++;
                nfs += !strncmp(n, "path_", 5) || !strcmp(n, "fd_readdir");
                continue;
            }
            if (!strcmp(mn, "boxagnts:http")) {
                int known = 0;
                for (int h = 0; HTTP_FUNCS[h]; h++) known |= !strcmp(n, HTTP_FUNCS[h]);
                if (!known) {
                    printf("import    FAIL  boxagnts:http.%s: no such function (request, response_meta, response_body, close, last_error)\n", n);
                    problems++;
                } else if (!network) {
                    printf("import    FAIL  boxagnts:http.%s: the manifest does not need the network "
                           "(\"needs\": {\"network\": true}), so the tool gets no fetch: grant and every "
                           "request is refused\n", n);
                    problems++;
                } else {
                    printf("import    ok    boxagnts:http.%s (needs.network)\n", n);
                }
                continue;
            }
            if (!strcmp(mn, "boxagnts:progress") && !strcmp(n, "output")) {
                printf("import    ok    boxagnts:progress.output (output so far, for MCP progress)\n");
                continue;
            }
            printf("import    FAIL  %s.%s: the host provides only wasi_snapshot_preview1, boxagnts:http and "
                   "boxagnts:progress.output\n", mn, n);
            problems++;
        }
        printf("import    ok    %u wasi_snapshot_preview1 functions%s\n", (unsigned)nwasi,
               nfs && cJSON_IsString(ws) && !strcmp(ws->valuestring, "none")
                   ? " (file functions too: they see no files, needs.workspace is \"none\")" : "");
        bx_module_free(bm);
    }

    /* The examples, through the same call path as `boxagnts call`. */
    const cJSON *examples = cJSON_GetObjectItemCaseSensitive(m, "examples");
    int nex = cJSON_GetArraySize(examples);
    if (!cJSON_IsArray(examples) || nex == 0) {
        printf("examples  none  (add \"examples\": [{\"input\": {...}, \"is_error\": false, \"content_contains\": \"...\"}])\n");
    } else if (bm) {
        bx_registry *r = bx_registry_new();
        if (!r || bx_registry_add(r, t, &err) != BX_OK) {
            fprintf(stderr, "boxagnts tool check: %s\n", r ? err.msg : "out of memory");
            bx_registry_free(r);
            cJSON_Delete(m);
            return EXIT_ERROR;
        }
        t = NULL;   /* the registry owns it */
        const bx_tool *rt = bx_registry_at(r, 0);
        bx_tool_context ctx;
        memset(&ctx, 0, sizeof ctx);
        ctx.max_level = rt->level == BX_PERM_FORBIDDEN ? BX_PERM_DANGEROUS : rt->level;
        ctx.agent_id = "tool-check";
        ctx.g.workspace = (char *)workspace;   /* borrowed: the context never frees */
        int k = 0;
        const cJSON *ex;
        cJSON_ArrayForEach(ex, examples) {
            k++;
            const cJSON *in = cJSON_GetObjectItemCaseSensitive(ex, "input");
            const cJSON *want_err = cJSON_GetObjectItemCaseSensitive(ex, "is_error");
            const cJSON *want = cJSON_GetObjectItemCaseSensitive(ex, "content_contains");
            char *input = in ? cJSON_PrintUnformatted(in) : NULL;
            bx_tool_result res;
            memset(&res, 0, sizeof res);
            bx_status st = input ? bx_tool_call(r, rt->name, &ctx, input, &res, &err) : BX_ERR_ARG;
            const char *why = NULL;
            if (!input) why = "no \"input\" object";
            else if (st != BX_OK) why = err.msg;
            else if (cJSON_IsBool(want_err) && !!res.is_error != cJSON_IsTrue(want_err))
                why = res.is_error ? "is_error is true, expected false" : "is_error is false, expected true";
            else if (cJSON_IsString(want) && (!res.content || !strstr(res.content, want->valuestring)))
                why = "content lacks the expected text";
            printf("example %d %s  %s\n", k, why ? "FAIL" : "ok  ", input ? input : "");
            if (why) {
                printf("          %s; content: %.400s\n", why, res.content ? res.content : "");
                problems++;
            }
            bx_tool_result_free(&res);
            cJSON_free(input);
        }
        bx_registry_free(r);
    }
    if (t && t->destroy) t->destroy(t);
    cJSON_Delete(m);
    printf("%s\n", problems ? "check FAILED" : "check passed");
    return problems ? EXIT_ERROR : EXIT_OK;
}

int cmd_tool(int argc, char **argv)
{
    int help = 0;   /* tool --help, tool new --help, tool check -h: the one help */
    for (int i = 0; i < argc; i++)
        help |= !strcmp(argv[i], "--help") || !strcmp(argv[i], "-h");
    if (argc < 1 || help) {
        tool_usage(help ? stdout : stderr);
        return help ? EXIT_OK : EXIT_USAGE;
    }
    if (!strcmp(argv[0], "new")) return tool_new(argc - 1, argv + 1);
    if (!strcmp(argv[0], "check")) return tool_check(argc - 1, argv + 1);
    if (!strcmp(argv[0], "precompile")) return cli_tool_precompile(argc - 1, argv + 1);
    fprintf(stderr, "boxagnts tool: unknown subcommand %s (new, check or precompile)\n", argv[0]);
    return EXIT_USAGE;
}
