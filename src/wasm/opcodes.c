/*
 * opcodes.c — opcodes.def as lookup tables, and the hash of the table that
 * goes into the cache build id.
 */
#include <string.h>

#include "code.h"
#include "opcodes.h"
#include "sha256.h"

#define I BX_I32
#define L BX_I64
#define F BX_F32
#define D BX_F64
#define _ 0
/* NUM and MEM rows name an internal opcode of code.h; CTL rows none. */
#define IOP_CTL(n) 0
#define IOP_NUM(n) BXOP_##n
#define IOP_MEM(n) BXOP_##n

const bxe_opinfo bxe_ops[256] = {
#define ROW(code, n, text, cls, imm, a, b, r, al) \
    [code] = {text, IOP_##cls(n), BXE_CLASS_##cls, BXE_IMM_##imm, a, b, r, al},
    BX_WASM_OPS(ROW)
#undef ROW
};

const bxe_opinfo bxe_ops_fc[BXE_FC_COUNT] = {
#define ROW(code, n, text, cls, imm, a, b, r) \
    [code] = {text, IOP_##cls(n), BXE_CLASS_##cls, BXE_IMM_##imm, a, b, r, 0},
    BX_WASM_OPS_FC(ROW)
#undef ROW
};

/* interp.c's dispatch and compile.c's arithmetic on internal opcodes rely
 * on the wasm order of the numeric and memory rows. */
_Static_assert(BXOP_I64_EXTEND32_S - BXOP_I32_EQZ == 0xC4 - 0x45, "numeric rows out of order");
_Static_assert(BXOP_I64_STORE32 - BXOP_I32_LOAD == 0x3E - 0x28, "memory rows out of order");

#undef I
#undef L
#undef F
#undef D
#undef _

static const char *const rows[] = {
#define TEXT(...) #__VA_ARGS__,
    BX_WASM_OPS(TEXT) BX_WASM_OPS_FC(TEXT) BX_WASM_OPS_SIMD(TEXT)
#undef TEXT
};

uint64_t bxe_ops_hash(uint64_t h)
{
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        h = bxe_hash64(rows[i], strlen(rows[i]), h ^ i);
    return h;
}
