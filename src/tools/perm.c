/*
 * perm.c — permission levels: names, parsing, and the result helpers every
 * tool implementation shares.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools_impl.h"

static const char *const perm_names[] = {
    "none", "read_only", "write", "execute", "dangerous", "forbidden"
};

const char *bx_perm_name(bx_perm p)
{
    return (unsigned)p < sizeof perm_names / sizeof *perm_names ? perm_names[p] : "?";
}

bx_status bx_perm_parse(const char *s, bx_perm *out, bx_error *err)
{
    for (unsigned i = 0; i < sizeof perm_names / sizeof *perm_names; i++)
        if (s && strcmp(s, perm_names[i]) == 0) {
            *out = (bx_perm)i;
            return BX_OK;
        }
    return bx_error_setf(err, BX_ERR_ARG,
                      "unknown permission level '%s': use none, read_only, write, execute, dangerous or forbidden",
                      s ? s : "");
}

bx_status bxt_tool_result_set(bx_tool_result *r, const char *content, int is_error, const char *meta)
{
    memset(r, 0, sizeof *r);
    r->content = strdup(content ? content : "");
    r->metadata = meta ? strdup(meta) : NULL;
    r->is_error = is_error != 0;
    if (!r->content || (meta && !r->metadata)) {
        bx_tool_result_free(r);
        return BX_ERR_NOMEM;
    }
    return BX_OK;
}

bx_status bxt_tool_result_errorf(bx_tool_result *r, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return bxt_tool_result_set(r, buf, 1, NULL);
}

void bx_tool_result_free(bx_tool_result *r)
{
    if (!r) return;
    free(r->content);
    free(r->metadata);
    r->content = r->metadata = NULL;
}

char *bx_tool_result_json(const bx_tool_result *r)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    cJSON *meta = r->metadata ? cJSON_Parse(r->metadata) : NULL;
    if (!cJSON_AddStringToObject(o, "content", r->content ? r->content : "") ||
        !cJSON_AddBoolToObject(o, "is_error", r->is_error) ||
        !(meta ? cJSON_AddItemToObject(o, "metadata", meta) : cJSON_AddNullToObject(o, "metadata") != NULL)) {
        if (meta && !cJSON_GetObjectItemCaseSensitive(o, "metadata")) cJSON_Delete(meta);
        cJSON_Delete(o);
        return NULL;
    }
    if (r->tier[0] && (!cJSON_AddStringToObject(o, "tier", r->tier) ||
                       (r->tier_reason[0] && !cJSON_AddStringToObject(o, "tier_reason", r->tier_reason)))) {
        cJSON_Delete(o);
        return NULL;
    }
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}
