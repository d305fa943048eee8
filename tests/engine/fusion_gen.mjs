// tests/engine/fusion_gen.mjs — the regression family of issue 14 item 1:
// every folded/fused form of the compiler (src/wasm/compile.c) × every
// operand kind × operand order × i32/i64/f32/f64, as generated modules whose
// expected results come from V8 (this process), never from our engine.
//
//   node fusion_gen.mjs OUTDIR   -> OUTDIR/fusion_NAME.wasm + .expect
//
// Each module exports many functions [] -> [T]; run_exports prints the same
// lines for our engine (t_fusion.sh diffs them, with and without
// BOXAGNTS_NO_FUSION).  Deterministic: a fixed-seed PRNG picks the values.
import { writeFileSync, mkdirSync } from 'node:fs';
import { T, Mod, uleb, sleb, f32bytes, f64bytes, judge } from './wasmenc.mjs';

const out = process.argv[2];
if (!out) { console.error('usage: node fusion_gen.mjs OUTDIR'); process.exit(2); }
mkdirSync(out, { recursive: true });

let seed = 0x1234567;
const rnd = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
const pick = (v) => v[rnd(v.length)];

const VALUES = {
    [T.i32]: [0, 1, 2, -1, 5, 7, 31, 32, 33, 100, 1000, 0x7fffffff, -0x80000000, 0x12345678, -7],
    [T.i64]: [0n, 1n, 2n, -1n, 5n, 63n, 64n, 65n, 100n, 0x7fffffffffffffffn, -0x8000000000000000n,
              0x123456789abcdefn, -7n, 0xffffffffn, 0x100000000n],
    [T.f32]: [0, -0, 1, -1, 1.5, -2.25, 3e38, 1e-40, Infinity, -Infinity, 0.1, 7],
    [T.f64]: [0, -0, 1, -1, 1.5, -2.25, 1.7e308, 5e-324, Infinity, -Infinity, 0.1, 7],
};
const CONST = { [T.i32]: 0x41, [T.i64]: 0x42, [T.f32]: 0x43, [T.f64]: 0x44 };
const constBytes = (t, v, pad) => {
    if (t === T.i32) return [0x41, ...sleb(v, pad ? 5 : 0)];
    if (t === T.i64) return [0x42, ...sleb(v, pad ? 10 : 0)];
    if (t === T.f32) return [0x43, ...f32bytes(v)];
    return [0x44, ...f64bytes(v)];
};
const LOAD = { [T.i32]: 0x28, [T.i64]: 0x29, [T.f32]: 0x2a, [T.f64]: 0x2b };
const STORE = { [T.i32]: 0x36, [T.i64]: 0x37, [T.f32]: 0x38, [T.f64]: 0x39 };
const TYPES = [T.i32, T.i64, T.f32, T.f64];
// locals of every test function: 0..3 operand a (i32,i64,f32,f64), 4..7 operand b,
// 8..11 result scratch, 12 i32 loop counter, 13 i32 scratch
const LOCALS = [...TYPES, ...TYPES, ...TYPES, T.i32, T.i32];
const tix = (t) => TYPES.indexOf(t);
const SCRATCH = [1024, 1040];   // memory scratch for the "load" operand kind

// Operand kinds: each returns {pre: bytes run first, op: bytes pushing the value}.
function operand(m, ctx, kind, t, v, which) {
    const loc = which * 4 + tix(t);
    switch (kind) {
    case 'const': return { pre: [], op: constBytes(t, v, false) };
    case 'cpad': return { pre: [], op: constBytes(t, v, true) };
    case 'local': return { pre: [...constBytes(t, v), 0x21, loc], op: [0x20, loc] };
    case 'tee': return { pre: [], op: [...constBytes(t, v), 0x22, loc] };
    case 'gimm': return { pre: [], op: [0x23, ...uleb(ctx.immGlobal(t, v))] };
    case 'gmut': { const g = ctx.mutGlobal(t, which); return { pre: [...constBytes(t, v), 0x24, ...uleb(g)], op: [0x23, ...uleb(g)] }; }
    case 'load': {
        const a = SCRATCH[which];
        return { pre: [0x41, ...sleb(a), ...constBytes(t, v), STORE[t], t === T.i64 || t === T.f64 ? 3 : 2, 0],
                 op: [0x41, ...sleb(a), LOAD[t], t === T.i64 || t === T.f64 ? 3 : 2, 0] };
    }
    case 'call': return { pre: [], op: [0x10, ...uleb(ctx.constFunc(t, v))] };
    case 'comp': {   // a value computed on the operand stack
        if (t === T.i32) return { pre: [], op: [...constBytes(t, v ^ 0x5a), 0x41, ...sleb(0x5a), 0x73] };
        if (t === T.i64) return { pre: [], op: [...constBytes(t, BigInt(v) ^ 0x5an), 0x42, ...sleb(0x5a), 0x85] };
        // v + (-0) == v for every non-NaN v, -0 included
        return { pre: [], op: [...constBytes(t, v), ...constBytes(t, -0), t === T.f32 ? 0x92 : 0xa0] };
    }
    }
    throw new Error(kind);
}
const KINDS = ['const', 'const0', 'cpad', 'cpad0', 'local', 'tee', 'gimm', 'gmut', 'load', 'call', 'comp'];
const valueFor = (kind, t) => (kind.endsWith('0') ? (t === T.i64 ? 0n : 0) : pick(VALUES[t]));
const baseKind = (k) => (k === 'const0' ? 'const' : k === 'cpad0' ? 'cpad' : k);

// Binary ops: [opcode, operand type, result type, name]
const BIN = [];
const add = (lo, hi, t, r, names) => { for (let o = lo; o <= hi; o++) BIN.push([o, t, r, names[o - lo]]); };
add(0x46, 0x4f, T.i32, T.i32, ['i32.eq', 'i32.ne', 'i32.lt_s', 'i32.lt_u', 'i32.gt_s', 'i32.gt_u', 'i32.le_s', 'i32.le_u', 'i32.ge_s', 'i32.ge_u']);
add(0x51, 0x5a, T.i64, T.i32, ['i64.eq', 'i64.ne', 'i64.lt_s', 'i64.lt_u', 'i64.gt_s', 'i64.gt_u', 'i64.le_s', 'i64.le_u', 'i64.ge_s', 'i64.ge_u']);
add(0x5b, 0x60, T.f32, T.i32, ['f32.eq', 'f32.ne', 'f32.lt', 'f32.gt', 'f32.le', 'f32.ge']);
add(0x61, 0x66, T.f64, T.i32, ['f64.eq', 'f64.ne', 'f64.lt', 'f64.gt', 'f64.le', 'f64.ge']);
add(0x6a, 0x78, T.i32, T.i32, ['i32.add', 'i32.sub', 'i32.mul', 'i32.div_s', 'i32.div_u', 'i32.rem_s', 'i32.rem_u', 'i32.and', 'i32.or', 'i32.xor', 'i32.shl', 'i32.shr_s', 'i32.shr_u', 'i32.rotl', 'i32.rotr']);
add(0x7c, 0x8a, T.i64, T.i64, ['i64.add', 'i64.sub', 'i64.mul', 'i64.div_s', 'i64.div_u', 'i64.rem_s', 'i64.rem_u', 'i64.and', 'i64.or', 'i64.xor', 'i64.shl', 'i64.shr_s', 'i64.shr_u', 'i64.rotl', 'i64.rotr']);
add(0x92, 0x98, T.f32, T.f32, ['f32.add', 'f32.sub', 'f32.mul', 'f32.div', 'f32.min', 'f32.max', 'f32.copysign']);
add(0xa0, 0xa6, T.f64, T.f64, ['f64.add', 'f64.sub', 'f64.mul', 'f64.div', 'f64.min', 'f64.max', 'f64.copysign']);
// Unary ops (those the compiler treats specially first: eqz, reinterpret, extend_i32_u)
const UN = [[0x45, T.i32, T.i32, 'i32.eqz'], [0x50, T.i64, T.i32, 'i64.eqz'], [0xad, T.i32, T.i64, 'i64.extend_i32_u'],
    [0xac, T.i32, T.i64, 'i64.extend_i32_s'], [0xa7, T.i64, T.i32, 'i32.wrap_i64'], [0xbc, T.f32, T.i32, 'i32.reinterpret_f32'],
    [0xbd, T.f64, T.i64, 'i64.reinterpret_f64'], [0xbe, T.i32, T.f32, 'f32.reinterpret_i32'], [0xbf, T.i64, T.f64, 'f64.reinterpret_i64'],
    [0x67, T.i32, T.i32, 'i32.clz'], [0x79, T.i64, T.i64, 'i64.clz'], [0x8c, T.f32, T.f32, 'f32.neg'], [0x9a, T.f64, T.f64, 'f64.neg'],
    [0xc0, T.i32, T.i32, 'i32.extend8_s']];

// Consumers of the op's result r (of type rt): bytes after it, and the type returned.
// 'ret' return it; 'set' local.set + local.get (producer retargeting); 'br'/'if'
// branch on it (compare+branch fusion); 'outer' r as the second operand of
// add/xor/or/and with a local first (shift/rotate fusion); 'addr'/'store' r as
// a memory address (address fusion); 'fma' f64 add/mul of r and a load.
function consumers(rt) {
    const c = ['ret', 'set'];
    if (rt === T.i32) c.push('br', 'if', 'outer', 'addr', 'store', 'sel');
    if (rt === T.i64) c.push('i64add');
    if (rt === T.f64) c.push('fma');
    return c;
}
const LOADS = [[0x28, 2, T.i32], [0x29, 3, T.i64], [0x2c, 0, T.i32], [0x2d, 0, T.i32], [0x2e, 1, T.i32], [0x2f, 1, T.i32], [0x31, 0, T.i64], [0x35, 2, T.i64]];
const STORES = [[0x36, 2, T.i32], [0x37, 3, T.i64], [0x3a, 0, T.i32], [0x3b, 1, T.i32], [0x3c, 0, T.i64]];
function consume(ctx, how, rt) {
    const r = 8 + tix(rt);
    switch (how) {
    case 'ret': return { code: [], t: rt };
    case 'set': return { code: [0x21, r, 0x41, 0x07, 0x21, 13, 0x20, r], t: rt };
    case 'br': return { code: [0x0d, 0, 0x1a, 0x41, ...sleb(200), 0x0b], t: T.i32, wrap: [0x02, T.i32, 0x41, ...sleb(100)] };
    case 'if': return { code: [0x04, T.i32, 0x41, ...sleb(100), 0x05, 0x41, ...sleb(200), 0x0b], t: T.i32 };
    case 'outer': {
        const [k, o] = pick([[0x20, 0x6a], [0x20, 0x73], [0x20, 0x72], [0x20, 0x71]]);
        return { code: [0x21, r, 0x41, ...sleb(pick(VALUES[T.i32])), 0x21, 13, k, 13, 0x20, r, o], t: T.i32 };
    }
    case 'addr': { const [op, al, t] = pick(LOADS); return { code: [op, al, ...uleb(pick([0, 1, 4, 100, 65532]))], t }; }
    case 'store': {
        const [op, al, t] = pick(STORES);
        const v = t === T.i64 ? pick(VALUES[T.i64]) : pick(VALUES[T.i32]);
        const vk = pick(['const', 'local', 'comp', 'gimm']);
        const o = operand(null, ctx, vk, t, v, 1);
        return { code: [...o.pre.length ? [0x21, 13, ...o.pre, 0x20, 13] : [], ...o.op, op, al, ...uleb(pick([0, 3, 16, 65530])), 0x10, ...uleb(ctx.memsum())], t: T.i32 };
    }
    case 'sel': return { code: [0x21, 13, 0x41, ...sleb(11), 0x41, ...sleb(22), 0x20, 13, 0x1b], t: T.i32 };
    case 'i64add': return { code: [0x42, ...sleb(pick([0n, 1n, -1n, 0x100000000n])), 0x7c], t: T.i64 };
    case 'fma': { const o = operand(null, ctx, 'load', T.f64, pick(VALUES[T.f64]), 0);
        return { code: [0x21, r, ...o.pre, 0x20, r, ...o.op, pick([0xa0, 0xa2])], t: T.f64 }; }
    }
    throw new Error(how);
}

function newCtx(m) {
    const imm = new Map(), mut = new Map(), funcs = new Map();
    let sum = -1;
    const key = (t, v) => `${t}:${typeof v === 'number' && Object.is(v, -0) ? '-0' : String(v)}`;
    return {
        immGlobal(t, v) { const k = key(t, v); if (!imm.has(k)) imm.set(k, m.global(t, false, constBytes(t, v))); return imm.get(k); },
        mutGlobal(t, which) { const k = `${t}:${which}`; if (!mut.has(k)) mut.set(k, m.global(t, true, constBytes(t, t === T.i64 ? 0n : 0))); return mut.get(k); },
        constFunc(t, v) { const k = key(t, v); if (!funcs.has(k)) funcs.set(k, m.func([], [t], [], constBytes(t, v))); return funcs.get(k); },
        // a checksum of memory [0, 64) and [65500, 65536): what stores changed
        memsum() {
            if (sum < 0) {
                const body = [];
                for (const [base, n] of [[0, 16], [65500, 9]]) for (let i = 0; i < n; i++)
                    body.push(0x20, 0, 0x41, ...sleb(31), 0x6c, 0x41, ...sleb(base + 4 * i), 0x28, 2, 0, 0x73, 0x21, 0);
                sum = m.func([], [T.i32], [T.i32], [...body, 0x20, 0]);
            }
            return sum;
        },
    };
}

// The helper functions come first in the function index space only if
// created first; indices are fixed at creation, so tests reference them by
// the index they got.  Build one module per group of ops.
async function group(name, ops, unary) {
    const m = new Mod();
    m.memory(1);
    m.data(0, [0x41, 0], Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff));
    const ctx = newCtx(m);
    const resultType = {};
    let n = 0;
    for (const [opc, t, rt, opname] of ops) {
        const kindsA = KINDS, kindsB = unary ? [null] : KINDS;
        for (const ka of kindsA) for (const kb of kindsB) {
            const hows = consumers(rt);
            // 'loop': the same inside a loop body run once, where constants
            // are read from the frame's constant slots instead
            for (const how of ['ret', pick(hows.slice(1)) ?? 'ret', 'loop']) {
                const va = valueFor(ka, t), vb = kb ? valueFor(kb, t) : null;
                const a = operand(m, ctx, baseKind(ka), t, va, 0);
                const b = kb ? operand(m, ctx, baseKind(kb), t, vb, 1) : { pre: [], op: [] };
                const c = consume(ctx, how === 'loop' ? 'ret' : how, rt);
                // 'br' puts the operands inside a block so the op is right before br_if
                let body = [...a.pre, ...b.pre, ...(c.wrap ?? []), ...a.op, ...b.op, opc, ...c.code];
                if (how === 'loop') body = [0x03, c.t, ...body, 0x0b];
                const fname = `${opname}/${ka}${kb ? ',' + kb : ''}/${how}/${n++}`;
                m.func([], [c.t], LOCALS, body, fname);
                resultType[fname] = c.t;
            }
        }
    }
    // compare + branch in both operand orders, with loops whose back-edge
    // fuses the induction update (ADD_BR): i = i + step; br_if (i cmp limit)
    if (name === 'loops') {
        const cmps = [[0x46, 'eq'], [0x47, 'ne'], [0x48, 'lt_s'], [0x49, 'lt_u'], [0x4a, 'gt_s'], [0x4b, 'gt_u'], [0x4c, 'le_s'], [0x4d, 'le_u'], [0x4e, 'ge_s'], [0x4f, 'ge_u']];
        for (const [cop, cname] of cmps) for (const stepk of ['const', 'local', 'gimm']) for (const limk of ['const', 'const0', 'local', 'gmut', 'call'])
            for (const order of ['i,lim', 'lim,i']) for (const tee of [true, false]) {
                const start = pick([0, 1, -5, 0x7ffffff0, -0x7ffffff0, 10]);
                const step = pick([1, 2, -1, 3, 0x10000000]);
                const lim = limk === 'const0' ? 0 : pick([0, 5, 10, -3, 0x7fffffff, 100]);
                const s = operand(m, ctx, stepk, T.i32, step, 1);
                const l = operand(m, ctx, baseKind(limk), T.i32, lim, 0);
                // local 0: i, local 12: guard counter (at most 50 iterations), local 13: result
                const upd = tee ? [0x20, 0, ...s.op, 0x6a, 0x22, 0] : [0x20, 0, ...s.op, 0x6a, 0x21, 0, 0x20, 0];
                const cmp = order === 'i,lim' ? [...upd, ...l.op, cop] : [...l.op, ...upd, cop];
                const body = [...s.pre, ...l.pre, 0x41, ...sleb(start), 0x21, 0,
                    0x03, 0x40,
                    0x20, 12, 0x41, 1, 0x6a, 0x22, 12, 0x41, ...sleb(50), 0x4e, 0x04, 0x40, 0x41, ...sleb(-1), 0x0f, 0x0b,
                    ...cmp, 0x0d, 0, 0x0b,
                    0x20, 0, 0x20, 12, 0x41, ...sleb(16), 0x74, 0x73];
                const fname = `loop/${cname}/${stepk},${limk}/${order}/${tee ? 'tee' : 'set'}/${n++}`;
                m.func([], [T.i32], LOCALS, body, fname);
                resultType[fname] = T.i32;
            }
    }
    const bytes = m.bytes();
    const lines = await judge(bytes, resultType);
    writeFileSync(`${out}/fusion_${name}.wasm`, bytes);
    writeFileSync(`${out}/fusion_${name}.expect`, lines.join('\n') + '\n');
    return lines.length;
}

let total = 0;
const byType = (t) => BIN.filter((o) => o[1] === t);
total += await group('i32', byType(T.i32), false);
total += await group('i64', byType(T.i64), false);
total += await group('f32', byType(T.f32), false);
total += await group('f64', byType(T.f64), false);
total += await group('unary', UN, true);
total += await group('loops', [], false);
console.log(`fusion_gen: ${total} functions`);
