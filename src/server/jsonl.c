/*
 * jsonl.c — `boxagnts serve --jsonl`: line-delimited JSON for agent
 * frameworks in any language.  Request {"id", "executor", "tool", "input"};
 * response {"id", "result": {content, is_error, metadata}, "usage": {fuel,
 * wall_ms, peak_memory}} or {"id", "error": {"code", "message"}}, in
 * completion order.  {"cancel": ID} stops that call (it answers
 * "cancelled").  Codes: parse_error, invalid_request, too_large,
 * unknown_executor, unknown_tool, quota_exceeded, cancelled, call_failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_impl.h"

#define jerr(id, code, ...) srv_error(SRV_WIRE_JSONL, (id), (code), __VA_ARGS__)

static cJSON *call_reply(srv_call_job *j, bx_status st, const bx_tool_result *r, int refused,
                         const bx_error *err)
{
    int why = __atomic_load_n(&j->cancel, __ATOMIC_SEQ_CST);
    if (why)
        return jerr(j->id, SRV_ERR_CANCELLED, "the call was cancelled%s",
                    why == SRV_CANCEL_SHUTDOWN ? ": the server is shutting down" : "");
    if (refused)
        return jerr(j->id, refused == SRV_REFUSED_QUOTA ? SRV_ERR_QUOTA : SRV_ERR_UNKNOWN_TOOL, "%s",
                    r->content ? r->content : "refused");
    if (st != BX_OK)
        return jerr(j->id, SRV_ERR_CALL_FAILED, "%s", err->msg[0] ? err->msg : "the tool could not be run");
    cJSON *m = cJSON_CreateObject(), *res = cJSON_CreateObject(), *u = cJSON_CreateObject();
    cJSON_AddItemToObject(m, "id", cJSON_Duplicate(j->id, 1));
    srv_json_add_str(res, "content", r->content ? r->content : "");   /* jsonout.c: as cJSON prints it */
    cJSON_AddBoolToObject(res, "is_error", r->is_error);
    cJSON *md = r->metadata ? cJSON_Parse(r->metadata) : NULL;
    if (!cJSON_IsObject(md)) {
        cJSON_Delete(md);
        md = cJSON_CreateNull();
    }
    cJSON_AddItemToObject(res, "metadata", md);
    srv_add_run_facts(res, "", r);
    cJSON_AddItemToObject(m, "result", res);
    cJSON_AddNumberToObject(u, "fuel", (double)r->fuel_used);
    cJSON_AddNumberToObject(u, "wall_ms", (double)r->wall_ns / 1e6);
    cJSON_AddNumberToObject(u, "peak_memory", (double)r->peak_memory);
    cJSON_AddItemToObject(m, "usage", u);
    return m;
}

static void handle(srv_session *ss, const cJSON *msg)
{
    if (!cJSON_IsObject(msg)) {
        srv_session_send(ss, NULL, jerr(NULL, RPC_INVALID_REQUEST, "a request is a JSON object"));
        return;
    }
    const cJSON *cancel = cJSON_GetObjectItemCaseSensitive(msg, "cancel");
    if (cancel) {
        srv_session_cancel(ss, cancel);
        return;
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(msg, "id");
    const cJSON *exn = cJSON_GetObjectItemCaseSensitive(msg, "executor");
    const cJSON *tool = cJSON_GetObjectItemCaseSensitive(msg, "tool");
    const cJSON *input = cJSON_GetObjectItemCaseSensitive(msg, "input");
    if (!rpc_id_ok(id)) {
        srv_session_send(ss, NULL, jerr(NULL, RPC_INVALID_REQUEST, "\"id\" (a string or number) is required"));
        return;
    }
    if (!cJSON_IsString(tool)) {
        srv_session_send(ss, NULL, jerr(id, RPC_INVALID_REQUEST, "\"tool\" (a string) is required"));
        return;
    }
    if (input && !cJSON_IsObject(input) && !cJSON_IsNull(input)) {
        srv_session_send(ss, NULL, jerr(id, RPC_INVALID_REQUEST, "\"input\" must be an object"));
        return;
    }
    if (exn && !cJSON_IsString(exn) && !cJSON_IsNull(exn)) {
        srv_session_send(ss, NULL, jerr(id, RPC_INVALID_REQUEST, "\"executor\" must be a string"));
        return;
    }
    const char *name = cJSON_IsString(exn) ? exn->valuestring : "default";
    srv_executor *ex = srv_find_executor(ss->s, name);
    if (!ex) {
        srv_session_send(ss, NULL, jerr(id, SRV_ERR_UNKNOWN_EXECUTOR, "no executor named \"%.128s\"", name));
        return;
    }
    if (!srv_tool_allowed(ex, tool->valuestring) || !bx_registry_find(ss->s->reg, tool->valuestring)) {
        srv_session_send(ss, NULL, jerr(id, SRV_ERR_UNKNOWN_TOOL, "unknown tool \"%.200s\" for executor \"%.128s\"",
                                        tool->valuestring, name));
        return;
    }
    char *in = cJSON_IsObject(input) ? cJSON_PrintUnformatted(input) : strdup("{}");
    char *t = strdup(tool->valuestring);
    cJSON *idc = cJSON_Duplicate(id, 1);
    if (!in || !t || !idc) {
        free(in);
        free(t);
        cJSON_Delete(idc);
        srv_session_send(ss, NULL, jerr(id, SRV_ERR_CALL_FAILED, "out of memory"));
        return;
    }
    srv_session_submit(ss, ex, idc, t, in, NULL);
}

static void on_line(srv_session *ss, cJSON *msg, int too_large)
{
    if (too_large)
        srv_session_send(ss, NULL, jerr(NULL, SRV_ERR_TOO_LARGE, "request larger than %llu bytes: skipped",
                                        (unsigned long long)ss->s->max_message));
    else if (!msg)
        srv_session_send(ss, NULL, jerr(NULL, RPC_PARSE_ERROR, "not valid JSON"));
    else
        handle(ss, msg);
}

static const srv_proto jsonl_proto = {
    .wire = SRV_WIRE_JSONL,
    .default_drain_ns = BX_DRAIN_WAIT,     /* a batch protocol: every answer is read */
    .on_msg = on_line,
    .call_reply = call_reply,
    .tools_changed = NULL,      /* JSONL has no notifications: a new tool is simply callable */
};

bx_status bx_server_run_jsonl(bx_server *s, int in_fd, int out_fd, bx_error *err)
{
    srv_session ss;
    bx_status st = srv_session_init(&ss, s, out_fd, &jsonl_proto, err);
    if (st != BX_OK)
        return st;
    st = srv_session_serve(&ss, in_fd, "requests", err);
    if (st == BX_OK && ss.out.broken) {
        st = bx_error_setf(err, BX_ERR_ARG, "cannot write responses (stdout closed)");
    }
    return st;
}
