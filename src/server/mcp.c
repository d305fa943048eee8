/*
 * mcp.c — the Model Context Protocol over stdio: JSON-RPC 2.0, one message
 * per line.  initialize (revisions 2025-06-18, 2025-03-26, 2024-11-05),
 * ping, tools/list, tools/call (run on the worker pool; responses in any
 * order), notifications/cancelled (stops the running sandbox), logging,
 * progress (progress.c), and notifications/tools/list_changed when the
 * operator adds tools (SIGHUP: bx_server_request).  Batches are answered
 * only for 2025-03-26 and 2024-11-05 sessions; 2025-06-18 removed them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_impl.h"

#define MCP_LATEST "2025-06-18"
static const char *const mcp_versions[] = {"2025-06-18", "2025-03-26", "2024-11-05"};

typedef struct mcp_state {
    srv_session ss;             /* first: workers reach the state from their job's session */
    srv_executor *ex;
    char version[16];           /* negotiated; "" before initialize */
    int log_level;              /* logging/setLevel: index in log_levels + 1; 0 = off.
                                   Written by the reader, read by workers (atomics). */
    srv_progress progress;      /* progress.c */
} mcp_state;

/* RFC 5424 severities, as MCP logging names them. */
static const char *const log_levels[] = {"debug", "info", "notice", "warning", "error",
                                         "critical", "alert", "emergency"};
#define LOG_WARNING 3

/* What a failed call was stopped by, for notifications/message: a refusal
 * by the sandbox or the profile, or a limit.  Read from the result the
 * host and guest/common write (wasmtool.c's describe_failure and
 * note_write_limit, guest/common/tool.c's refusal sentences, the quota
 * refusal of executor.c); NULL for an ordinary tool error. */
static const char *stop_event(const bx_tool_result *r)
{
    const char *c = r->content ? r->content : "";
    if (!r->is_error)
        return NULL;
    if (!strncmp(c, "Permission denied", 17) || !strncmp(c, "Request refused by the sandbox", 30))
        return "denied";
    if (strstr(c, "quota exhausted"))
        return "quota";
    if ((r->metadata && strstr(r->metadata, "\"limits_hit\"")) || strstr(c, " call was stopped: ") ||
        strstr(c, "stopped: fuel exhausted") || strstr(c, "stopped: stack exhausted") ||
        strstr(c, "exceeded the output cap") || strstr(c, "could not start: "))
        return "limit";
    return NULL;
}

static void log_stop(srv_call_job *j, const bx_tool_result *r)
{
    mcp_state *m = (mcp_state *)j->ss;
    int lv = __atomic_load_n(&m->log_level, __ATOMIC_RELAXED);
    const char *ev = lv ? stop_event(r) : NULL;
    if (!ev || lv - 1 > LOG_WARNING)
        return;
    cJSON *n = cJSON_CreateObject(), *p = cJSON_CreateObject(), *d = cJSON_CreateObject();
    char msg[600];
    snprintf(msg, sizeof msg, "%.580s", r->content ? r->content : "");
    cJSON_AddStringToObject(n, "jsonrpc", "2.0");
    cJSON_AddStringToObject(n, "method", "notifications/message");
    cJSON_AddStringToObject(p, "level", "warning");
    cJSON_AddStringToObject(p, "logger", "boxagnts");
    cJSON_AddStringToObject(d, "event", ev);
    cJSON_AddStringToObject(d, "tool", j->tool);
    cJSON_AddStringToObject(d, "executor", j->ex && j->ex->cfg.name ? j->ex->cfg.name : "default");
    cJSON_AddStringToObject(d, "message", msg);
    cJSON_AddItemToObject(p, "data", d);
    cJSON_AddItemToObject(n, "params", p);
    srv_session_send(j->ss, NULL, n);
}

static cJSON *set_level(mcp_state *m, const cJSON *id, const cJSON *params)
{
    const cJSON *l = cJSON_GetObjectItemCaseSensitive(params, "level");
    for (size_t i = 0; cJSON_IsString(l) && i < sizeof log_levels / sizeof *log_levels; i++)
        if (!strcmp(l->valuestring, log_levels[i])) {
            __atomic_store_n(&m->log_level, (int)i + 1, __ATOMIC_RELAXED);
            return rpc_result(id, cJSON_CreateObject());
        }
    return rpc_error(id, RPC_INVALID_PARAMS,
                     "logging/setLevel: params.level must be one of debug, info, notice, warning, "
                     "error, critical, alert, emergency");
}

/* A title for tools whose manifest gives none: "file-read" -> "File read". */
static void derive_title(const char *name, char *buf, size_t cap)
{
    size_t i = 0;
    for (; name[i] && i + 1 < cap; i++)
        buf[i] = name[i] == '-' || name[i] == '_' ? ' ' : name[i];
    buf[i] = 0;
    if (buf[0] >= 'a' && buf[0] <= 'z') buf[0] = (char)(buf[0] - 'a' + 'A');
}

static cJSON *tool_entry(const mcp_state *m, const bx_tool *t)
{
    const bx_server *s = m->ss.s;
    cJSON *o = cJSON_CreateObject();
    char title[128];
    cJSON_AddStringToObject(o, "name", t->name);
    if (!t->title) derive_title(t->name, title, sizeof title);
    cJSON_AddStringToObject(o, "title", t->title ? t->title : title);
    cJSON_AddStringToObject(o, "description", t->description ? t->description : "");
    cJSON *schema = t->input_schema ? cJSON_Parse(t->input_schema) : NULL;
    if (!cJSON_IsObject(schema)) {
        cJSON_Delete(schema);
        schema = cJSON_CreateObject();
        cJSON_AddStringToObject(schema, "type", "object");
    }
    cJSON_AddItemToObject(o, "inputSchema", schema);
    /* Hints for the client's confirmations (MCP 2025-03-26 annotations),
     * from what the sandbox lets the tool do, not from its level: a tool
     * that can neither write (needs.workspace "write") nor reach the
     * network (which may carry side effects, a POST) changes nothing, so
     * js-execute (level execute, workspace read) is read-only; a dangerous
     * tool is never called read-only. */
    cJSON *a = cJSON_CreateObject();
    int net = srv_tool_network(s, t->name);
    int writes = t->needs_workspace == 2 || t->level >= BX_PERM_DANGEROUS;
    int ro = !writes && !net;
    if (t->title) cJSON_AddStringToObject(a, "title", t->title);
    cJSON_AddBoolToObject(a, "readOnlyHint", ro);
    cJSON_AddBoolToObject(a, "destructiveHint", !ro);
    cJSON_AddBoolToObject(a, "idempotentHint", ro);
    cJSON_AddBoolToObject(a, "openWorldHint", net);
    cJSON_AddItemToObject(o, "annotations", a);
    /* The metadata's schema, for clients that use structuredContent
     * (2025-06-18); older revisions do not know the field. */
    cJSON *os = t->output_schema && !strcmp(m->version, "2025-06-18") ? cJSON_Parse(t->output_schema) : NULL;
    if (cJSON_IsObject(os))
        cJSON_AddItemToObject(o, "outputSchema", os);
    else
        cJSON_Delete(os);
    return o;
}

static cJSON *tools_list(mcp_state *m)
{
    const bx_registry *r = m->ss.s->reg;
    cJSON *res = cJSON_CreateObject(), *arr = cJSON_CreateArray();
    for (size_t i = 0; i < bx_registry_count(r); i++) {
        const bx_tool *t = bx_registry_at(r, i);
        /* Only what this executor may call: its allowlist and profile. */
        if (!srv_tool_allowed(m->ex, t->name) || t->level == BX_PERM_FORBIDDEN ||
            t->level > m->ex->cfg.max_level)
            continue;
        cJSON_AddItemToArray(arr, tool_entry(m, t));
    }
    cJSON_AddItemToObject(res, "tools", arr);
    return res;
}

static cJSON *initialize(mcp_state *m, const cJSON *id, const cJSON *params)
{
    const cJSON *pv = cJSON_GetObjectItemCaseSensitive(params, "protocolVersion");
    if (!cJSON_IsString(pv))
        return rpc_error(id, RPC_INVALID_PARAMS,
                         "initialize: params.protocolVersion (a string) is required");
    const char *ver = MCP_LATEST;
    for (size_t i = 0; i < sizeof mcp_versions / sizeof *mcp_versions; i++)
        if (!strcmp(pv->valuestring, mcp_versions[i]))
            ver = mcp_versions[i];
    snprintf(m->version, sizeof m->version, "%s", ver);
    cJSON *res = cJSON_CreateObject();
    cJSON_AddStringToObject(res, "protocolVersion", ver);
    cJSON *caps = cJSON_CreateObject(), *tools = cJSON_CreateObject();
    cJSON_AddBoolToObject(tools, "listChanged", 1);     /* tools added on SIGHUP */
    cJSON_AddItemToObject(caps, "tools", tools);
    /* notifications/message for refusals and limit hits, once the client
     * asks (logging/setLevel; warning and below get them). */
    cJSON_AddItemToObject(caps, "logging", cJSON_CreateObject());
    cJSON_AddItemToObject(res, "capabilities", caps);
    cJSON *info = cJSON_CreateObject();
    cJSON_AddStringToObject(info, "name", SRV_NAME);
    cJSON_AddStringToObject(info, "title", "BoxAgnts WebAssembly tool sandbox");
    cJSON_AddStringToObject(info, "version", SRV_VERSION);
    cJSON_AddItemToObject(res, "serverInfo", info);
    cJSON_AddStringToObject(res, "instructions",
                            "Every tool runs in its own WebAssembly sandbox. The workspace is at "
                            "/workspace; paths outside the granted directories are refused.");
    return rpc_result(id, res);
}

/* tools/call: checked here, run on the pool.  NULL when queued. */
static cJSON *tools_call(mcp_state *m, const cJSON *id, const cJSON *params, srv_batch *b)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(params, "name");
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(params, "arguments");
    if (!cJSON_IsString(name))
        return rpc_error(id, RPC_INVALID_PARAMS, "tools/call: params.name (a string) is required");
    if (args && !cJSON_IsObject(args) && !cJSON_IsNull(args))
        return rpc_error(id, RPC_INVALID_PARAMS, "tools/call: params.arguments must be an object");
    if (!srv_tool_allowed(m->ex, name->valuestring) ||
        !bx_registry_find(m->ss.s->reg, name->valuestring))
        return rpc_error(id, RPC_INVALID_PARAMS, "Unknown tool: %.200s", name->valuestring);
    char *input = cJSON_IsObject(args) ? cJSON_PrintUnformatted(args) : strdup("{}");
    char *tool = strdup(name->valuestring);
    cJSON *idc = cJSON_Duplicate(id, 1);
    if (!input || !tool || !idc) {
        free(input);
        free(tool);
        cJSON_Delete(idc);
        return rpc_error(id, RPC_INTERNAL_ERROR, "out of memory");
    }
    const cJSON *token = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(params, "_meta"),
                                                          "progressToken");
    if (cJSON_IsString(token) || cJSON_IsNumber(token))
        srv_progress_begin(&m->progress, id, token, tool);
    srv_session_submit(&m->ss, m->ex, idc, tool, input, b);
    return NULL;
}

static cJSON *call_reply(srv_call_job *j, bx_status st, const bx_tool_result *r, int refused,
                         const bx_error *err)
{
    /* Progress ends before the response, whatever the response is. */
    srv_progress_end(&((mcp_state *)j->ss)->progress, j->idkey);
    int why = __atomic_load_n(&j->cancel, __ATOMIC_SEQ_CST);
    if (why == SRV_CANCEL_CLIENT)
        return NULL;                    /* MCP: a cancelled request gets no response */
    if (why == SRV_CANCEL_SHUTDOWN &&
        (!r || (st == BX_OK && r->is_error && r->content && strstr(r->content, " call was cancelled")))) {
        /* Stopped by the server's shutdown, not by the client: say so. */
        cJSON *res = cJSON_CreateObject(), *content = cJSON_CreateArray(), *txt = cJSON_CreateObject();
        char msg[300];
        snprintf(msg, sizeof msg, "The %.200s call was cancelled: the server is shutting down.", j->tool);
        cJSON_AddStringToObject(txt, "type", "text");
        cJSON_AddStringToObject(txt, "text", msg);
        cJSON_AddItemToArray(content, txt);
        cJSON_AddItemToObject(res, "content", content);
        cJSON_AddBoolToObject(res, "isError", 1);
        return rpc_result(j->id, res);
    }
    if (refused == SRV_REFUSED_TOOL)
        return rpc_error(j->id, RPC_INVALID_PARAMS, "%s", r->content ? r->content : "unknown tool");
    if (st == BX_OK)
        log_stop(j, r);
    cJSON *res = cJSON_CreateObject(), *content = cJSON_CreateArray(), *txt = cJSON_CreateObject();
    cJSON_AddStringToObject(txt, "type", "text");
    if (st == BX_OK)
        srv_json_add_str(txt, "text", r->content ? r->content : "");   /* jsonout.c: as cJSON prints it */
    else
        cJSON_AddStringToObject(txt, "text", err->msg[0] ? err->msg : "the tool could not be run");
    cJSON_AddItemToArray(content, txt);
    cJSON_AddItemToObject(res, "content", content);
    cJSON_AddBoolToObject(res, "isError", st != BX_OK || r->is_error);
    if (st == BX_OK) {
        cJSON *meta = cJSON_CreateObject(), *usage = cJSON_CreateObject();
        cJSON_AddNumberToObject(usage, "fuel", (double)r->fuel_used);
        cJSON_AddNumberToObject(usage, "wall_ms", (double)r->wall_ns / 1e6);
        cJSON_AddNumberToObject(usage, "peak_memory", (double)r->peak_memory);
        cJSON_AddItemToObject(meta, "boxagnts/usage", usage);
        srv_add_run_facts(meta, "boxagnts/", r);
        cJSON *md = r->metadata ? cJSON_Parse(r->metadata) : NULL;
        /* structuredContent: the metadata, for tools that declare its
         * schema, on successful results (what the schema describes); the
         * text content stays for clients that do not read it. */
        const bx_tool *t = bx_registry_find(j->ss->s->reg, j->tool);
        if (t && t->output_schema && !r->is_error)
            cJSON_AddItemToObject(res, "structuredContent",
                                  cJSON_IsObject(md) ? cJSON_Duplicate(md, 1) : cJSON_CreateObject());
        if (cJSON_IsObject(md))
            cJSON_AddItemToObject(meta, "boxagnts/metadata", md);
        else
            cJSON_Delete(md);
        cJSON_AddItemToObject(res, "_meta", meta);
    }
    return rpc_result(j->id, res);
}

/* One message (an object, or a batch member).  Replies through b. */
static void handle(mcp_state *m, const cJSON *msg, srv_batch *b)
{
    srv_session *ss = &m->ss;
    const char *why;
    rpc_kind k = rpc_classify(msg, &why);
    if (k == RPC_RESPONSE)
        return;                                 /* we never ask the client anything */
    if (k == RPC_INVALID) {
        srv_session_send(ss, b, rpc_error(rpc_id(msg), RPC_INVALID_REQUEST, "Invalid Request: %s", why));
        return;
    }
    const char *method = cJSON_GetObjectItemCaseSensitive(msg, "method")->valuestring;
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(msg, "params");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(msg, "id");
    if (k == RPC_NOTIFICATION) {
        if (!strcmp(method, "notifications/cancelled")) {
            const cJSON *rid = cJSON_GetObjectItemCaseSensitive(params, "requestId");
            if (rid) {
                srv_session_cancel(ss, rid);
                char *key = rpc_id_key(rid);
                if (key)
                    srv_progress_end(&m->progress, key);
                free(key);
            }
        }
        return;                                 /* others (initialized, ...) need nothing */
    }
    if (params && !cJSON_IsObject(params)) {
        srv_session_send(ss, b, rpc_error(id, RPC_INVALID_PARAMS, "params must be an object"));
        return;
    }
    cJSON *reply;
    if (!m->version[0] && strcmp(method, "initialize") && strcmp(method, "ping")) {
        /* The lifecycle: nothing but initialize (and ping) before it. */
        srv_session_send(ss, b, rpc_error(id, RPC_INVALID_REQUEST,
                                          "%.100s before initialize: send initialize first", method));
        return;
    }
    if (!strcmp(method, "initialize"))
        reply = b ? rpc_error(id, RPC_INVALID_REQUEST, "initialize must not be part of a batch")
                  : initialize(m, id, params);
    else if (!strcmp(method, "logging/setLevel"))
        reply = set_level(m, id, params);
    else if (!strcmp(method, "ping"))
        reply = rpc_result(id, cJSON_CreateObject());
    else if (!strcmp(method, "tools/list"))
        reply = cJSON_GetObjectItemCaseSensitive(params, "cursor")
                    ? rpc_error(id, RPC_INVALID_PARAMS, "tools/list: unknown cursor (the list has one page)")
                    : rpc_result(id, tools_list(m));
    else if (!strcmp(method, "tools/call"))
        reply = tools_call(m, id, params, b);
    else
        reply = rpc_error(id, RPC_METHOD_NOT_FOUND, "Method not found: %.200s", method);
    srv_session_send(ss, b, reply);
}

static int batches_allowed(const mcp_state *m)
{
    return !strcmp(m->version, "2025-03-26") || !strcmp(m->version, "2024-11-05");
}

static void on_message(srv_session *ss, cJSON *msg, int too_large)
{
    mcp_state *m = (mcp_state *)ss;
    if (too_large) {
        srv_session_send(&m->ss, NULL, rpc_error(NULL, RPC_INVALID_REQUEST, "message larger than %llu bytes: skipped",
                                                 (unsigned long long)m->ss.s->max_message));
    } else if (!msg) {
        srv_session_send(&m->ss, NULL, rpc_error(NULL, RPC_PARSE_ERROR, "Parse error: not valid JSON"));
    } else if (cJSON_IsArray(msg)) {
        if (cJSON_GetArraySize(msg) == 0) {
            srv_session_send(&m->ss, NULL, rpc_error(NULL, RPC_INVALID_REQUEST, "Invalid Request: empty batch"));
        } else if (!batches_allowed(m)) {
            srv_session_send(&m->ss, NULL, rpc_error(NULL, RPC_INVALID_REQUEST,
                "Invalid Request: JSON-RPC batches are not supported in MCP %s "
                "(send one message per line)", m->version[0] ? m->version : MCP_LATEST));
        } else {
            srv_batch *b = srv_batch_new();
            const cJSON *it;
            cJSON_ArrayForEach(it, msg) {
                if (b)
                    handle(m, it, b);
            }
            if (b)
                srv_batch_release(&m->ss, b);
        }
    } else {
        handle(m, msg, NULL);
    }
}

/* The operator added tools (SIGHUP): tell the client to list again, and
 * log the manifests that could not be loaded (the operator's terminal is
 * not ours to write to; a client with logging shows them). */
static void tools_changed(srv_session *ss, size_t added, size_t problems_from)
{
    mcp_state *m = (mcp_state *)ss;
    const bx_registry *reg = ss->s->reg;
    int lv = __atomic_load_n(&m->log_level, __ATOMIC_RELAXED);
    for (size_t i = problems_from; lv && lv - 1 <= LOG_WARNING && i < bx_registry_problem_count(reg); i++) {
        cJSON *n = cJSON_CreateObject(), *p = cJSON_CreateObject(), *d = cJSON_CreateObject();
        cJSON_AddStringToObject(n, "jsonrpc", "2.0");
        cJSON_AddStringToObject(n, "method", "notifications/message");
        cJSON_AddStringToObject(p, "level", "warning");
        cJSON_AddStringToObject(p, "logger", "boxagnts");
        cJSON_AddStringToObject(d, "event", "tool_skipped");
        cJSON_AddStringToObject(d, "message", bx_registry_problem(reg, i));
        cJSON_AddItemToObject(p, "data", d);
        cJSON_AddItemToObject(n, "params", p);
        srv_session_send(ss, NULL, n);
    }
    if (added && m->version[0]) {
        cJSON *n = cJSON_CreateObject();
        cJSON_AddStringToObject(n, "jsonrpc", "2.0");
        cJSON_AddStringToObject(n, "method", "notifications/tools/list_changed");
        srv_session_send(ss, NULL, n);
    }
}

static void call_output(srv_call_job *j, const char *text, size_t len)
{
    srv_progress_output(&((mcp_state *)j->ss)->progress, j->idkey, text, len);
}

static const srv_proto mcp_proto = {
    .wire = SRV_WIRE_JSONRPC,
    .default_drain_ns = BX_DRAIN_MCP_DEFAULT,
    .on_msg = on_message,
    .call_reply = call_reply,
    .tools_changed = tools_changed,
    .call_output = call_output,
};

bx_status bx_server_run_mcp(bx_server *s, int in_fd, int out_fd, const char *executor,
                            bx_error *err)
{
    mcp_state m;
    memset(&m, 0, sizeof m);
    m.ex = srv_find_executor(s, executor);
    if (!m.ex) {
        bx_error_setf(err, BX_ERR_ARG, "no executor named \"%.128s\" (define it in the policy file)",
                      executor);
        return BX_ERR_ARG;
    }
    bx_status st = srv_session_init(&m.ss, s, out_fd, &mcp_proto, err);
    if (st != BX_OK)
        return st;
    srv_progress_init(&m.progress, &m.ss);
    st = srv_session_serve(&m.ss, in_fd, "the client's messages", err);
    srv_progress_finish(&m.progress);
    return st;
}
