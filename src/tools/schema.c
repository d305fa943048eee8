/*
 * schema.c — checking a tool's input against its JSON Schema before the
 * module runs, so a tool never sees a missing field or a wrong type, and the
 * agent gets one sentence naming the field.  Only the subset listed in
 * tools_impl.h; anything else in a schema is refused at manifest load
 * (bxt_schema_lint) rather than silently ignored.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tools_impl.h"

static const char *json_type(const cJSON *v)
{
    if (cJSON_IsNull(v)) return "null";
    if (cJSON_IsBool(v)) return "boolean";
    if (cJSON_IsNumber(v)) return v->valuedouble == floor(v->valuedouble) && isfinite(v->valuedouble) ? "integer" : "number";
    if (cJSON_IsString(v)) return "string";
    if (cJSON_IsArray(v)) return "array";
    if (cJSON_IsObject(v)) return "object";
    return "invalid";
}

static int type_is(const cJSON *v, const char *t)
{
    const char *vt = json_type(v);
    if (strcmp(t, vt) == 0) return 1;
    return strcmp(t, "number") == 0 && strcmp(vt, "integer") == 0;
}

static const char *article(const char *t)
{
    return (t[0] == 'a' || t[0] == 'i' || t[0] == 'o') ? "an" : "a";
}

static int check(const cJSON *s, const cJSON *v, const char *path, char *msg, size_t cap)
{
    if (!cJSON_IsObject(s)) return 0;   /* true / {} schemas accept anything */
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(s, "type");
    if (cJSON_IsString(t) && !type_is(v, t->valuestring)) {
        snprintf(msg, cap, "%s: expected %s %s, got %s %s", path, article(t->valuestring),
                 t->valuestring, article(json_type(v)), json_type(v));
        return -1;
    }
    if (cJSON_IsArray(t)) {
        int ok = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, t) if (cJSON_IsString(e) && type_is(v, e->valuestring)) ok = 1;
        if (!ok) {
            char *want = cJSON_PrintUnformatted(t);
            snprintf(msg, cap, "%s: expected one of the types %s, got %s %s", path, want ? want : "?",
                     article(json_type(v)), json_type(v));
            cJSON_free(want);
            return -1;
        }
    }
    const cJSON *en = cJSON_GetObjectItemCaseSensitive(s, "enum");
    if (cJSON_IsArray(en)) {
        int ok = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, en) if (cJSON_Compare(e, v, 1)) ok = 1;
        if (!ok) {
            char *want = cJSON_PrintUnformatted(en);
            snprintf(msg, cap, "%s: must be one of %s", path, want ? want : "?");
            cJSON_free(want);
            return -1;
        }
    }
    const cJSON *cn = cJSON_GetObjectItemCaseSensitive(s, "const");
    if (cn && !cJSON_Compare(cn, v, 1)) {
        char *want = cJSON_PrintUnformatted(cn);
        snprintf(msg, cap, "%s: must be %s", path, want ? want : "?");
        cJSON_free(want);
        return -1;
    }
    if (cJSON_IsNumber(v)) {
        const cJSON *mn = cJSON_GetObjectItemCaseSensitive(s, "minimum");
        const cJSON *mx = cJSON_GetObjectItemCaseSensitive(s, "maximum");
        if (cJSON_IsNumber(mn) && v->valuedouble < mn->valuedouble)
            return snprintf(msg, cap, "%s: must be at least %g, got %g", path, mn->valuedouble, v->valuedouble), -1;
        if (cJSON_IsNumber(mx) && v->valuedouble > mx->valuedouble)
            return snprintf(msg, cap, "%s: must be at most %g, got %g", path, mx->valuedouble, v->valuedouble), -1;
    }
    if (cJSON_IsString(v)) {
        const cJSON *mn = cJSON_GetObjectItemCaseSensitive(s, "minLength");
        const cJSON *mx = cJSON_GetObjectItemCaseSensitive(s, "maxLength");
        size_t n = 0;   /* code points, as JSON Schema counts */
        for (const unsigned char *p = (const unsigned char *)v->valuestring; *p; p++) n += (*p & 0xC0) != 0x80;
        if (cJSON_IsNumber(mn) && (double)n < mn->valuedouble)
            return snprintf(msg, cap, "%s: must be at least %g characters long", path, mn->valuedouble), -1;
        if (cJSON_IsNumber(mx) && (double)n > mx->valuedouble)
            return snprintf(msg, cap, "%s: must be at most %g characters long", path, mx->valuedouble), -1;
    }
    if (cJSON_IsArray(v)) {
        const cJSON *mn = cJSON_GetObjectItemCaseSensitive(s, "minItems");
        const cJSON *mx = cJSON_GetObjectItemCaseSensitive(s, "maxItems");
        int n = cJSON_GetArraySize(v);
        if (cJSON_IsNumber(mn) && n < mn->valuedouble)
            return snprintf(msg, cap, "%s: needs at least %g items", path, mn->valuedouble), -1;
        if (cJSON_IsNumber(mx) && n > mx->valuedouble)
            return snprintf(msg, cap, "%s: takes at most %g items", path, mx->valuedouble), -1;
        const cJSON *it = cJSON_GetObjectItemCaseSensitive(s, "items");
        int i = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, v) {
            char sub[256];
            snprintf(sub, sizeof sub, "%.*s[%d]", (int)(strlen(path) > 200 ? 200 : strlen(path)), path, i++);
            if (check(it, e, sub, msg, cap)) return -1;
        }
    }
    if (cJSON_IsObject(v)) {
        const cJSON *props = cJSON_GetObjectItemCaseSensitive(s, "properties");
        const cJSON *req = cJSON_GetObjectItemCaseSensitive(s, "required");
        const cJSON *addl = cJSON_GetObjectItemCaseSensitive(s, "additionalProperties");
        /* Field names as the agent wrote them: top level "field 'x'",
         * nested "field 'x.y'". */
        char base[256];
        if (strncmp(path, "field '", 7) == 0)
            snprintf(base, sizeof base, "%.*s.", (int)(strlen(path) - 8 > 200 ? 200 : strlen(path) - 8), path + 7);
        else
            base[0] = 0;
        const cJSON *r;
        cJSON_ArrayForEach(r, req) {
            if (cJSON_IsString(r) && !cJSON_GetObjectItemCaseSensitive(v, r->valuestring))
                return snprintf(msg, cap, "field '%s%s' is required", base, r->valuestring), -1;
        }
        const cJSON *f;
        cJSON_ArrayForEach(f, v) {
            char sub[512];
            snprintf(sub, sizeof sub, "field '%s%.200s'", base, f->string ? f->string : "");
            const cJSON *ps = cJSON_GetObjectItemCaseSensitive(props, f->string);
            if (ps) {
                if (check(ps, f, sub, msg, cap)) return -1;
            } else if (cJSON_IsFalse(addl)) {
                return snprintf(msg, cap, "%s is not an input of this tool", sub), -1;
            } else if (cJSON_IsObject(addl)) {
                if (check(addl, f, sub, msg, cap)) return -1;
            }
        }
    }
    return 0;
}

int bxt_schema_check(const cJSON *schema, const cJSON *value, char *msg, size_t cap)
{
    msg[0] = 0;
    return check(schema, value, "the input", msg, cap);
}

static const char *const known_types[] = { "null", "boolean", "integer", "number", "string", "array", "object" };

static int known_type(const cJSON *t)
{
    if (!cJSON_IsString(t)) return 0;
    for (unsigned i = 0; i < sizeof known_types / sizeof *known_types; i++)
        if (strcmp(t->valuestring, known_types[i]) == 0) return 1;
    return 0;
}

/* Keywords that only describe (ignored by the checker, harmless). */
static const char *const annotations[] = {
    "description", "title", "default", "examples", "$schema", "$id", "format", "deprecated",
    "readOnly", "writeOnly", "$comment"
};
static const char *const checked[] = {
    "type", "properties", "required", "additionalProperties", "enum", "const", "minimum",
    "maximum", "minLength", "maxLength", "items", "minItems", "maxItems"
};

static int lint(const cJSON *s, const char *where, char *msg, size_t cap, int depth)
{
    if (depth > 32) return snprintf(msg, cap, "%s: schema nested too deeply", where), -1;
    if (cJSON_IsBool(s)) return 0;
    if (!cJSON_IsObject(s)) return snprintf(msg, cap, "%s: a schema must be an object", where), -1;
    const cJSON *k;
    cJSON_ArrayForEach(k, s) {
        int ok = 0;
        for (unsigned i = 0; i < sizeof annotations / sizeof *annotations; i++) ok |= !strcmp(k->string, annotations[i]);
        for (unsigned i = 0; i < sizeof checked / sizeof *checked; i++) ok |= !strcmp(k->string, checked[i]);
        if (!ok)
            return snprintf(msg, cap, "%s: keyword \"%.100s\" is not supported by the input checker", where, k->string), -1;
    }
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(s, "type");
    if (t) {
        int ok = known_type(t);
        if (cJSON_IsArray(t)) {
            ok = cJSON_GetArraySize(t) > 0;
            const cJSON *e;
            cJSON_ArrayForEach(e, t) ok &= known_type(e);
        }
        if (!ok) return snprintf(msg, cap, "%s: \"type\" must be a JSON type name or a list of them", where), -1;
    }
    const char *nums[] = { "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems" };
    for (unsigned i = 0; i < 6; i++) {
        const cJSON *n = cJSON_GetObjectItemCaseSensitive(s, nums[i]);
        if (n && !cJSON_IsNumber(n)) return snprintf(msg, cap, "%s: \"%s\" must be a number", where, nums[i]), -1;
    }
    const cJSON *req = cJSON_GetObjectItemCaseSensitive(s, "required");
    if (req) {
        const cJSON *e;
        if (!cJSON_IsArray(req)) return snprintf(msg, cap, "%s: \"required\" must be a list of names", where), -1;
        cJSON_ArrayForEach(e, req) if (!cJSON_IsString(e))
            return snprintf(msg, cap, "%s: \"required\" must be a list of names", where), -1;
    }
    const cJSON *en = cJSON_GetObjectItemCaseSensitive(s, "enum");
    if (en && !cJSON_IsArray(en)) return snprintf(msg, cap, "%s: \"enum\" must be a list", where), -1;
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(s, "properties");
    if (props) {
        if (!cJSON_IsObject(props)) return snprintf(msg, cap, "%s: \"properties\" must be an object", where), -1;
        const cJSON *p;
        cJSON_ArrayForEach(p, props) {
            char sub[300];
            snprintf(sub, sizeof sub, "%.150s.%.100s", where, p->string);
            if (lint(p, sub, msg, cap, depth + 1)) return -1;
        }
    }
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(s, "items");
    if (items) {
        char sub[300];
        snprintf(sub, sizeof sub, "%.200s[]", where);
        if (lint(items, sub, msg, cap, depth + 1)) return -1;
    }
    const cJSON *addl = cJSON_GetObjectItemCaseSensitive(s, "additionalProperties");
    if (addl && lint(addl, where, msg, cap, depth + 1)) return -1;
    return 0;
}

int bxt_schema_lint(const cJSON *schema, char *msg, size_t cap)
{
    msg[0] = 0;
    if (lint(schema, "input_schema", msg, cap, 0)) return -1;
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(schema, "type");
    if (!cJSON_IsString(t) || strcmp(t->valuestring, "object") != 0)
        return snprintf(msg, cap, "input_schema: the top level must be {\"type\": \"object\", ...}"), -1;
    return 0;
}
