/*
 * guest/bash/arith.c — $(( )), (( )), let and for (( )): 64-bit integer
 * arithmetic with C operators, precedence and assignment to variables.
 */
#include "sh.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Ar { Sh *sh; const char *s; int err; int noeval; } Ar;

/* bash wraps on overflow: do it in unsigned arithmetic (no UB) */
#define WRAP(a, op, b) ((long long)((unsigned long long)(a) op (unsigned long long)(b)))
static long long divs(Ar *a, long long x, long long y, int mod)
{
    if (!y) { if (!a->noeval) a->err = 2; return 0; }
    if (y == -1) return mod ? 0 : WRAP(0, -, x);
    return mod ? x % y : x / y;
}

static long long a_assign(Ar *a);

static void ws(Ar *a) { while (isspace((unsigned char)*a->s)) a->s++; }
static int eat(Ar *a, const char *op)
{
    ws(a);
    size_t n = strlen(op);
    if (strncmp(a->s, op, n)) return 0;
    /* don't take "<" out of "<=" or "<<", "&" out of "&&", "=" out of "==" */
    if (n == 1 && (a->s[1] == '=' && strchr("<>=!", op[0]))) return 0;
    if (n == 1 && a->s[1] == op[0] && strchr("<>&|*", op[0])) return 0;
    if (n == 1 && a->s[1] == '=' && strchr("+-*/%&|^", op[0])) return 0;
    if (n == 2 && a->s[2] == '=' && (!strcmp(op, "<<") || !strcmp(op, ">>") || !strcmp(op, "**"))) return 0;
    a->s += n;
    return 1;
}

static long long var_num(Ar *a, const char *name)
{
    const char *v = var_get(a->sh, name);
    if (!v || !*v) return 0;
    int err = 0;
    long long r = sh_arith(a->sh, v, &err);
    if (err) a->err = 1;
    return r;
}

static void set_num(Ar *a, const char *name, long long v)
{
    if (a->noeval) return;
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    var_set(a->sh, name, buf);
}

static long long a_primary(Ar *a)
{
    ws(a);
    if (*a->s == '(') {
        a->s++;
        long long v = a_assign(a);
        ws(a);
        if (*a->s == ')') a->s++; else a->err = 1;
        return v;
    }
    if (isdigit((unsigned char)*a->s)) {
        char *e;
        long long v;
        if (a->s[0] == '0' && (a->s[1] == 'x' || a->s[1] == 'X')) v = strtoll(a->s, &e, 16);
        else if (a->s[0] == '0') v = strtoll(a->s, &e, 8);
        else v = strtoll(a->s, &e, 10);
        if (*e == '#') {   /* base#digits */
            int base = (int)v;
            v = strtoll(e + 1, &e, base);
        }
        a->s = e;
        return v;
    }
    if (isalpha((unsigned char)*a->s) || *a->s == '_' || *a->s == '$') {
        if (*a->s == '$') a->s++;
        if (*a->s == '{') a->s++;
        const char *st = a->s;
        while (isalnum((unsigned char)*a->s) || *a->s == '_') a->s++;
        char *name = xstrndup(st, (size_t)(a->s - st));
        if (*a->s == '}') a->s++;
        long long v;
        ws(a);
        if (!strncmp(a->s, "++", 2)) { a->s += 2; v = var_num(a, name); set_num(a, name, WRAP(v, +, 1)); }
        else if (!strncmp(a->s, "--", 2)) { a->s += 2; v = var_num(a, name); set_num(a, name, WRAP(v, -, 1)); }
        else {
            static const char *ops[] = {"+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^=", "=", NULL};
            int k;
            for (k = 0; ops[k]; k++) {
                size_t l = strlen(ops[k]);
                if (!strncmp(a->s, ops[k], l) && !(l == 1 && a->s[1] == '=')) { a->s += l; break; }
            }
            if (ops[k]) {
                long long r = a_assign(a), cur = var_num(a, name);
                switch (k) {
                case 0: v = WRAP(cur, +, r); break;
                case 1: v = WRAP(cur, -, r); break;
                case 2: v = WRAP(cur, *, r); break;
                case 3: v = divs(a, cur, r, 0); break;
                case 4: v = divs(a, cur, r, 1); break;
                case 5: v = WRAP(cur, <<, (r & 63)); break;
                case 6: v = cur >> (r & 63); break;
                case 7: v = cur & r; break;
                case 8: v = cur | r; break;
                case 9: v = cur ^ r; break;
                default: v = r;
                }
                set_num(a, name, v);
            } else v = var_num(a, name);
        }
        free(name);
        return v;
    }
    a->err = 1;
    return 0;
}

static long long a_unary(Ar *a)
{
    ws(a);
    if (!strncmp(a->s, "++", 2) || !strncmp(a->s, "--", 2)) {
        int inc = a->s[0] == '+';
        a->s += 2;
        ws(a);
        const char *st = a->s;
        while (isalnum((unsigned char)*a->s) || *a->s == '_') a->s++;
        char *name = xstrndup(st, (size_t)(a->s - st));
        long long v = WRAP(var_num(a, name), +, (inc ? 1 : -1));
        set_num(a, name, v);
        free(name);
        return v;
    }
    if (*a->s == '-') { a->s++; return WRAP(0, -, a_unary(a)); }
    if (*a->s == '+') { a->s++; return a_unary(a); }
    if (*a->s == '!') { a->s++; return !a_unary(a); }
    if (*a->s == '~') { a->s++; return ~a_unary(a); }
    return a_primary(a);
}

static long long a_pow(Ar *a)
{
    long long b = a_unary(a);
    if (eat(a, "**")) {
        long long e = a_pow(a), r = 1;
        while (e-- > 0) r = WRAP(r, *, b);
        return r;
    }
    return b;
}
static long long a_mul(Ar *a)
{
    long long v = a_pow(a);
    for (;;) {
        if (eat(a, "*")) v = WRAP(v, *, a_pow(a));
        else if (eat(a, "/")) v = divs(a, v, a_pow(a), 0);
        else if (eat(a, "%")) v = divs(a, v, a_pow(a), 1);
        else return v;
    }
}
static long long a_add(Ar *a)
{
    long long v = a_mul(a);
    for (;;) {
        if (eat(a, "+")) v = WRAP(v, +, a_mul(a));
        else if (eat(a, "-")) v = WRAP(v, -, a_mul(a));
        else return v;
    }
}
static long long a_shift(Ar *a)
{
    long long v = a_add(a);
    for (;;) {
        if (eat(a, "<<")) v = WRAP(v, <<, (a_add(a) & 63));
        else if (eat(a, ">>")) v >>= (a_add(a) & 63);
        else return v;
    }
}
static long long a_rel(Ar *a)
{
    long long v = a_shift(a);
    for (;;) {
        if (eat(a, "<=")) v = v <= a_shift(a);
        else if (eat(a, ">=")) v = v >= a_shift(a);
        else if (eat(a, "<")) v = v < a_shift(a);
        else if (eat(a, ">")) v = v > a_shift(a);
        else return v;
    }
}
static long long a_eq(Ar *a)
{
    long long v = a_rel(a);
    for (;;) {
        if (eat(a, "==")) v = v == a_rel(a);
        else if (eat(a, "!=")) v = v != a_rel(a);
        else return v;
    }
}
static long long a_band(Ar *a) { long long v = a_eq(a); while (eat(a, "&")) v &= a_eq(a); return v; }
static long long a_bxor(Ar *a) { long long v = a_band(a); while (eat(a, "^")) v ^= a_band(a); return v; }
static long long a_bor(Ar *a) { long long v = a_bxor(a); while (eat(a, "|")) v |= a_bxor(a); return v; }
static long long a_land(Ar *a)
{
    long long v = a_bor(a);
    while (eat(a, "&&")) {
        int save = a->noeval;
        if (!v) a->noeval = 1;
        long long r = a_bor(a);
        a->noeval = save;
        v = v && r;
    }
    return v;
}
static long long a_lor(Ar *a)
{
    long long v = a_land(a);
    while (eat(a, "||")) {
        int save = a->noeval;
        if (v) a->noeval = 1;
        long long r = a_land(a);
        a->noeval = save;
        v = v || r;
    }
    return v;
}
static long long a_cond(Ar *a)
{
    long long c = a_lor(a);
    if (eat(a, "?")) {
        int save = a->noeval;
        if (!c) a->noeval = 1;
        long long x = a_assign(a);
        a->noeval = save;
        if (!eat(a, ":")) { a->err = 1; return 0; }
        if (c) a->noeval = 1;
        long long y = a_assign(a);
        a->noeval = save;
        return c ? x : y;
    }
    return c;
}
static long long a_assign(Ar *a) { return a_cond(a); }

long long sh_arith(Sh *sh, const char *expr, int *err)
{
    Ar a = {sh, expr, 0, 0};
    long long v = 0;
    ws(&a);
    if (!*a.s) { *err = 0; return 0; }
    do { v = a_assign(&a); } while (!a.err && eat(&a, ","));
    ws(&a);
    if (*a.s && !a.err) a.err = 1;
    *err = a.err;
    return v;
}
