/*
 * test_limits.c — the engine's limits against work a guest sizes itself
 * (issue 12 items 6 and 7), through the public API: tables share the
 * max_memory_bytes budget with memories (host-made, declared, imported,
 * grown; a failed instantiation gives its share back), bulk instructions
 * charge fuel by their operand, and bx_hostcall_charge charges fuel and
 * reports the interrupt.  Modules are hand-assembled bytes.  Prints
 * "N passed, N failed" last.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boxagnts.h"
#include "runtime.h"
#include "../check.h"

typedef struct buf { uint8_t b[512]; size_t n; } buf;
static void put(buf *b, uint8_t x) { if (b->n < sizeof b->b) b->b[b->n++] = x; }
static void leb(buf *b, uint32_t v) { do { uint8_t x = v & 0x7f; v >>= 7; put(b, x | (v ? 0x80 : 0)); } while (v); }
static void str(buf *b, const char *s) { leb(b, (uint32_t)strlen(s)); while (*s) put(b, (uint8_t)*s++); }
static void section(buf *m, uint8_t id, const buf *body)
{
    put(m, id);
    leb(m, (uint32_t)body->n);
    for (size_t i = 0; i < body->n; i++) put(m, body->b[i]);
}
static void header(buf *m) { static const uint8_t h[8] = { 0, 'a', 's', 'm', 1, 0, 0, 0 }; m->n = 0; for (int i = 0; i < 8; i++) put(m, h[i]); }

/* (import "m" "t" (table import_min funcref))? (table own_min funcref) */
static bx_module *table_module(int import, uint32_t import_min, uint32_t own_min, bx_error *e)
{
    buf m, s;
    header(&m);
    if (import) {
        s.n = 0;
        leb(&s, 1); str(&s, "m"); str(&s, "t"); put(&s, 1); put(&s, 0x70); put(&s, 0); leb(&s, import_min);
        section(&m, 2, &s);
    }
    s.n = 0;
    leb(&s, 1); put(&s, 0x70); put(&s, 0); leb(&s, own_min);
    section(&m, 4, &s);
    return bx_module_new(m.b, m.n, e);
}

/* (memory pages) (func (export "f") (memory.fill (i32.const 0) (i32.const 7) (i32.const n))) */
static bx_module *fill_module(uint32_t pages, uint32_t n, bx_error *e)
{
    buf m, s, body;
    header(&m);
    s.n = 0; leb(&s, 1); put(&s, 0x60); leb(&s, 0); leb(&s, 0); section(&m, 1, &s);
    s.n = 0; leb(&s, 1); leb(&s, 0); section(&m, 3, &s);
    s.n = 0; leb(&s, 1); put(&s, 0); leb(&s, pages); section(&m, 5, &s);
    s.n = 0; leb(&s, 1); str(&s, "f"); put(&s, 0); leb(&s, 0); section(&m, 7, &s);
    body.n = 0;
    leb(&body, 0);                                   /* no locals */
    put(&body, 0x41); leb(&body, 0);                 /* i32.const 0 */
    put(&body, 0x41); leb(&body, 7);                 /* i32.const 7 */
    put(&body, 0x41);                                /* i32.const n (signed LEB) */
    { int64_t v = n; for (;;) { uint8_t x = v & 0x7f; v >>= 7;
        if ((v == 0 && !(x & 0x40)) || (v == -1 && (x & 0x40))) { put(&body, x); break; } put(&body, x | 0x80); } }
    put(&body, 0xFC); leb(&body, 11); put(&body, 0);  /* memory.fill 0 */
    put(&body, 0x0B);
    s.n = 0; leb(&s, 1); leb(&s, (uint32_t)body.n);
    for (size_t i = 0; i < body.n; i++) put(&s, body.b[i]);
    section(&m, 10, &s);
    return bx_module_new(m.b, m.n, e);
}

static void test_tables_share_budget(void)
{
    bx_limits lim = { .max_memory_bytes = 1 << 20 };
    bx_store *s = bx_store_new(&lim);
    bx_error e;
    bx_table *t = bx_table_new(s, BX_FUNCREF, 100000, 0, 0, &e);
    CHECK(t != NULL, "a table of 800000 bytes fits in 1 MiB: %s", e.msg);
    CHECK(bx_store_peak_memory(s) == 800000, "peak %llu", (unsigned long long)bx_store_peak_memory(s));
    CHECK(bx_table_new(s, BX_EXTERNREF, 50000, 0, 0, &e) == NULL && e.status == BX_ERR_LIMIT &&
          strstr(e.msg, "--max-memory"), "second table over the budget: %s", e.msg);
    CHECK(bx_memory_new(s, 4, 0, 0, &e) == NULL && e.status == BX_ERR_LIMIT, "4 pages beside it: %s", e.msg);
    bx_memory *mem = bx_memory_new(s, 3, 0, 0, &e);
    CHECK(mem != NULL, "3 pages fit: %s", e.msg);
    CHECK(bxe_memory_grow(s, mem, 1) == UINT32_MAX, "memory.grow into the table's share");
    CHECK(bxe_table_grow(s, t, 1000, 0) == 100000, "table.grow within what is left");
    CHECK(bxe_table_grow(s, t, 30000, 0) == UINT32_MAX, "table.grow past it");
    CHECK(bx_store_peak_memory(s) <= lim.max_memory_bytes, "peak %llu", (unsigned long long)bx_store_peak_memory(s));

    /* imported: counted where it was made, once; a failed instantiation
     * gives back what it took */
    bx_linker *l = bx_linker_new();
    bx_extern ex = { .kind = BX_EXTERN_TABLE, .of.table = t };
    CHECK(bx_linker_define(l, "m", "t", ex) == BX_OK, "define");
    uint64_t before = s->mem_total;
    bx_module *big = table_module(1, 0, 30000, &e);
    CHECK(big != NULL, "module: %s", e.msg);
    CHECK(big && bx_linker_instantiate(l, s, big, &e) == NULL && e.status == BX_ERR_LIMIT,
          "own table over the budget beside the import: %s", e.msg);
    CHECK(s->mem_total == before, "a failed instantiation gives its tables back");
    bx_module *small = table_module(1, 0, 10, &e);
    CHECK(small && bx_linker_instantiate(l, s, small, &e) != NULL, "small own table: %s", e.msg);
    CHECK(s->mem_total == before + 80, "import not counted twice: %llu vs %llu",
          (unsigned long long)s->mem_total, (unsigned long long)before);
    bx_linker_free(l);
    bx_store_free(s);
    bx_module_free(big);
    bx_module_free(small);

    /* many small tables add up */
    s = bx_store_new(&lim);
    bx_module *m20 = table_module(0, 0, 100000, &e);
    int made = 0;
    for (int i = 0; i < 20 && m20; i++)
        if (bx_instance_new(s, m20, NULL, 0, &e)) made++;
    CHECK(made == 1, "one 800000-byte table per MiB, not 20: %d", made);
    bx_store_free(s);
    bx_module_free(m20);
}

static bx_trap charge_fn(bx_hostcall *hc, uint64_t *a)
{
    return bx_hostcall_charge(hc, a[0]);
}

static void test_hostcall_charge(void)
{
    bx_limits lim = { .fuel = 1000 };
    bx_store *s = bx_store_new(&lim);
    bx_error e;
    bx_valtype p[1] = { BX_I64 };
    bx_functype ft = { 1, 0, p, NULL };
    bx_func *f = bx_func_new_host(s, &ft, charge_fn, NULL);
    bx_val a = { BX_I64, 600 };
    CHECK(bx_func_call(s, f, &a, 1, NULL, 0, &e) == BX_OK, "600 of 1000: %s", e.msg);
    CHECK(bx_store_fuel_used(s) == 600, "used %llu", (unsigned long long)bx_store_fuel_used(s));
    CHECK(bx_func_call(s, f, &a, 1, NULL, 0, &e) == BX_ERR_TRAP && e.trap == BX_TRAP_FUEL_EXHAUSTED,
          "600 more: trap %d", (int)e.trap);
    CHECK(bx_store_fuel_used(s) == 1000, "used %llu", (unsigned long long)bx_store_fuel_used(s));
    bx_store_set_fuel(s, 0);
    a.bits = (uint64_t)1 << 62;
    CHECK(bx_func_call(s, f, &a, 1, NULL, 0, &e) == BX_OK, "unlimited: %s", e.msg);
    a.bits = 0;
    bx_store_interrupt(s);
    CHECK(bx_func_call(s, f, &a, 1, NULL, 0, &e) == BX_ERR_TRAP && e.trap == BX_TRAP_INTERRUPTED,
          "interrupt seen: trap %d", (int)e.trap);
    bx_store_free(s);
}

static void test_bulk_fuel(void)
{
    bx_error e;
    bx_module *m = fill_module(17, 1 << 20, &e);
    CHECK(m != NULL, "fill module: %s", e.msg);
    if (!m) return;
    for (int limited = 0; limited < 2; limited++) {
        bx_limits lim = { .fuel = limited ? 1000 : 0 };
        bx_store *s = bx_store_new(&lim);
        bx_instance *inst = bx_instance_new(s, m, NULL, 0, &e);
        bx_extern ex;
        CHECK(inst && bx_instance_export(inst, "f", &ex), "instance: %s", e.msg);
        if (!inst) { bx_store_free(s); continue; }
        bx_status st = bx_func_call(s, ex.of.func, NULL, 0, NULL, 0, &e);
        uint8_t *d = bx_memory_data(bx_instance_memory(inst, 0));
        if (limited) {
            CHECK(st == BX_ERR_TRAP && e.trap == BX_TRAP_FUEL_EXHAUSTED, "1 MiB fill under 1000: %d", (int)e.trap);
            CHECK(d[0] == 0 && d[(1 << 20) - 1] == 0, "nothing filled before the trap");
        } else {
            CHECK(st == BX_OK, "unlimited: %s", e.msg);
            CHECK(bx_store_fuel_used(s) >= (1 << 20) / BX_FUEL_BYTES, "fuel %llu for 1 MiB",
                  (unsigned long long)bx_store_fuel_used(s));
            CHECK(d[0] == 7 && d[(1 << 20) - 1] == 7 && d[1 << 20] == 0, "filled exactly");
        }
        bx_store_free(s);
    }
    bx_module_free(m);
}

int main(void)
{
    test_tables_share_budget();
    test_hostcall_charge();
    test_bulk_fuel();
    return check_report();
}
