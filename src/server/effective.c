/*
 * effective.c — what each executor of a server configuration ends up with
 * (the top level, then its own settings over it), the way bx_server_new
 * builds them, for tools that show a configuration (`boxagnts policy
 * check`) without starting a server.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_impl.h"

size_t bx_server_config_executor_count(const bx_server_config *c)
{
    cJSON *ex = c->executors_json ? cJSON_Parse(c->executors_json) : NULL;
    size_t n = 1 + (cJSON_IsObject(ex) ? (size_t)cJSON_GetArraySize(ex) : 0);
    cJSON_Delete(ex);
    return n;
}

bx_status bx_server_config_executor(const bx_server_config *c, size_t i, bx_executor_config *out,
                                    bx_error *err)
{
    memset(out, 0, sizeof *out);
    bx_status st = srv_exec_config_copy(out, &c->defaults, err);
    if (st != BX_OK) return st;
    if (i == 0) {
        free(out->name);
        if ((out->name = strdup("default")))
            return BX_OK;
        srv_exec_config_free(out);
        return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
    }
    cJSON *ex = c->executors_json ? cJSON_Parse(c->executors_json) : NULL;
    cJSON *e = cJSON_IsObject(ex) ? cJSON_GetArrayItem(ex, (int)(i - 1)) : NULL;
    if (!e) {
        cJSON_Delete(ex);
        srv_exec_config_free(out);
        return bx_error_setf(err, BX_ERR_ARG, "no such executor");
    }
    char where[160];
    snprintf(where, sizeof where, "executors.%.100s", e->string);
    st = srv_exec_config_apply(out, e, NULL, 0, where, err);
    free(out->name);
    out->name = strdup(e->string);
    cJSON_Delete(ex);
    if (st == BX_OK && !out->name) {
        st = bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
    }
    if (st != BX_OK) srv_exec_config_free(out);
    return st;
}

void bx_executor_config_free(bx_executor_config *e)
{
    srv_exec_config_free(e);
}
