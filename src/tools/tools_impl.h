/*
 * tools_impl.h — private to src/tools: the schema checker and
 * result constructors shared by registry.c and wasmtool.c.
 */
#ifndef BX_TOOLS_IMPL_H
#define BX_TOOLS_IMPL_H
#include <cjson/cJSON.h>
#include "boxagnts.h"

/* 0 when value satisfies schema; else -1 and msg holds one sentence naming
 * the offending field ("field 'limit': expected an integer, got a string").
 * Supports the JSON Schema subset tools use: type (one or a list), properties,
 * required, additionalProperties:false, enum, const, minimum, maximum,
 * minLength, maxLength, items, minItems, maxItems. */
int bxt_schema_check(const cJSON *schema, const cJSON *value, char *msg, size_t cap);
/* 0 when schema itself uses only what bxt_schema_check understands with the
 * right shapes (so a typo in a manifest is found at load, not at call). */
int bxt_schema_lint(const cJSON *schema, char *msg, size_t cap);

/* Fill r (previous contents ignored) with copies; meta may be NULL.
 * BX_ERR_NOMEM when a copy fails. */
bx_status bxt_tool_result_set(bx_tool_result *r, const char *content, int is_error, const char *meta);
bx_status bxt_tool_result_errorf(bx_tool_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
