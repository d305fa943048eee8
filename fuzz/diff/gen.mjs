// fuzz/diff/gen.mjs — random VALID WebAssembly 2.0 modules, deterministic
// from a seed, emitted directly in the binary format.  With DIFF_SIMD=1 in
// the environment they also use SIMD (see "SIMD" below); without it the
// modules of every seed are what they always were, so seeds recorded as
// regressions keep making the same module.
//
// generate(seed) -> { bytes: Uint8Array, calls: [{name, args:[{t,bits}]}] }
//
// Shape of a module: 2..7 functions of random numeric signatures (0..2
// results), all exported; a funcref table (active segment at offset 0, a
// passive and a declarative one) and an externref table; one memory (1
// page, max 3) with active and passive data; globals of every numeric
// type in both mutabilities, exported; a call budget global.
//
// Termination without fuel (V8 has none): every function entry decrements
// the budget global and traps `unreachable` at 0, so the number of calls
// per module is bounded whatever recursion the direct and indirect calls
// make; every loop counts its trips in a local of its own (incremented at
// the loop head, so a `br` back to it counts too) and exits after at most
// 8.  So a call does at most budget * 8^depth * body-size work.
//
// Determinism across engines: the spec lets NaN bits differ between
// engines, so before a float reaches anything that exposes its bits (a
// store, a reinterpret, copysign's sign operand) the generator inserts
// `x != x ? canonical NaN : x`.  Results and globals are compared by
// NaN-ness by the harness.  Everything else (integer ops, float ops on
// non-NaN, traps and where they happen, memory contents) must match bit
// for bit.
//
// Operands are drawn from every kind -- constants (with 0, extremes and
// over-long "padded" LEB128 encodings), local.get, global.get of mutable and
// immutable globals, loads, calls, nested expressions -- in every order, so
// the fused/folded forms of an optimizing translator see every mix
// (`i32.const 0; global.get; i32.add` included).

const I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, FUNCREF = 0x70, EXTERNREF = 0x6f;
const NUM = [I32, I64, F32, F64];
export const TNAME = { [I32]: 'i32', [I64]: 'i64', [F32]: 'f32', [F64]: 'f64' };

// xorshift128+ on BigInt would be slow; a 32-bit mulberry32 pair is plenty.
function rng(seed) {
    let a = (seed >>> 0) ^ 0x9e3779b9, b = Math.imul(seed >>> 0, 0x85ebca6b) ^ 0xc2b2ae35;
    const next = () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        b = (b ^ t) >>> 0;
        return ((t ^ (t >>> 14)) >>> 0);
    };
    for (let i = 0; i < 8; i++) next();
    const r = {
        u32: next,
        int: (n) => next() % n,                 // 0..n-1
        chance: (p) => next() / 4294967296 < p,
        pick: (arr) => arr[next() % arr.length],
        u64: () => (BigInt(next()) << 32n) | BigInt(next()),
    };
    return r;
}

// ---- encoding helpers --------------------------------------------------
function uleb(out, v, pad = 0) {
    v = BigInt(v);
    const bytes = [];
    do {
        let b = Number(v & 0x7fn);
        v >>= 7n;
        bytes.push(b);
    } while (v !== 0n);
    while (bytes.length < pad) bytes.push(0);
    for (let i = 0; i < bytes.length; i++) out.push(bytes[i] | (i < bytes.length - 1 ? 0x80 : 0));
}
// Signed LEB128 of a value of `bits` bits; pad > 0 = exactly that many
// bytes (the maximal legal length for the type, the unused bits of the
// last byte being sign bits).
function sleb(out, v, bits, pad = 0) {
    v = BigInt.asIntN(bits, BigInt(v));
    if (pad) {
        for (let k = 0; k < pad; k++) {
            const b = Number((v >> BigInt(7 * k)) & 0x7fn);
            out.push(b | (k < pad - 1 ? 0x80 : 0));
        }
        return;
    }
    for (;;) {
        const b = Number(v & 0x7fn);
        v >>= 7n;
        const done = (v === 0n && !(b & 0x40)) || (v === -1n && (b & 0x40));
        out.push(done ? b : b | 0x80);
        if (done) return;
    }
}
function u32le(out, x) { for (let i = 0; i < 4; i++) out.push((x >>> (8 * i)) & 0xff); }
function u64le(out, x) { x = BigInt.asUintN(64, x); for (let i = 0; i < 8; i++) out.push(Number((x >> BigInt(8 * i)) & 0xffn)); }
function name(out, s) { const b = Buffer.from(s, 'utf8'); uleb(out, b.length); for (const c of b) out.push(c); }
function section(mod, id, body) { mod.push(id); uleb(mod, body.length); for (const c of body) mod.push(c); }
function vec(out, items, each) { uleb(out, items.length); for (const it of items) each(out, it); }

// ---- interesting values --------------------------------------------------
const I32_VALS = [0, 1, -1, 2, 7, 8, 31, 32, 33, 63, 64, 0x7fffffff, -0x80000000, 0xff, 0x80, 0xffff, 0x8000, 0x10000, 65535, 65532, 65536];
const I64_VALS = [0n, 1n, -1n, 2n, 31n, 32n, 63n, 64n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, -0x80000000n];
const F32_BITS = [0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000,
    0x7fa00001, 0x00000001, 0x80000001, 0x007fffff, 0x7f7fffff, 0x4f000000, 0xcf000000, 0x4f800000, 0x5f000000,
    0xdf000000, 0x3f000000, 0x3fc00000, 0x40200000, 0xbfc00000, 0x4b000000, 0x4effffff, 0xcf000001];
const F64_BITS = [0n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n,
    0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff4000000000001n, 1n, 0x000fffffffffffffn, 0x7fefffffffffffffn,
    0x41e0000000000000n, 0xc1e0000000000000n, 0x41dfffffffc00000n, 0x41efffffffe00000n, 0x43e0000000000000n,
    0xc3e0000000000000n, 0x43f0000000000000n, 0x3fe0000000000000n, 0x3ff8000000000000n, 0x4004000000000000n,
    0xbff8000000000000n, 0x4330000000000000n, 0xc1e0000000200000n];

function randBits(r, t, allowNaN) {
    for (;;) {
        let v;
        switch (t) {
        case I32: v = BigInt(r.chance(0.15) ? 0 : r.chance(0.6) ? r.pick(I32_VALS) : (r.u32() | 0)); v = BigInt.asUintN(32, v); break;
        case I64: v = r.chance(0.15) ? 0n : r.chance(0.6) ? r.pick(I64_VALS) : r.u64(); v = BigInt.asUintN(64, v); break;
        case F32: v = BigInt(r.chance(0.6) ? r.pick(F32_BITS) : r.u32()); break;
        case F64: v = r.chance(0.6) ? r.pick(F64_BITS) : r.u64(); break;
        }
        if (allowNaN) return v;
        if (t === F32 && (Number(v) & 0x7f800000) === 0x7f800000 && (Number(v) & 0x7fffff)) continue;
        if (t === F64 && (v & 0x7ff0000000000000n) === 0x7ff0000000000000n && (v & 0xfffffffffffffn)) continue;
        return v;
    }
}

// ---- opcode tables ----------------------------------------------------------
// [opcode(s), params, result]
const OPS = [];
const op = (code, params, res) => OPS.push({ code, params, res });
op([0x45], [I32], I32); op([0x50], [I64], I32);
for (let c = 0x46; c <= 0x4f; c++) op([c], [I32, I32], I32);
for (let c = 0x51; c <= 0x5a; c++) op([c], [I64, I64], I32);
for (let c = 0x5b; c <= 0x60; c++) op([c], [F32, F32], I32);
for (let c = 0x61; c <= 0x66; c++) op([c], [F64, F64], I32);
for (let c = 0x67; c <= 0x69; c++) op([c], [I32], I32);
for (let c = 0x6a; c <= 0x78; c++) op([c], [I32, I32], I32);
for (let c = 0x79; c <= 0x7b; c++) op([c], [I64], I64);
for (let c = 0x7c; c <= 0x8a; c++) op([c], [I64, I64], I64);
for (let c = 0x8b; c <= 0x91; c++) op([c], [F32], F32);
for (let c = 0x92; c <= 0x98; c++) op([c], [F32, F32], F32);
for (let c = 0x99; c <= 0x9f; c++) op([c], [F64], F64);
for (let c = 0xa0; c <= 0xa6; c++) op([c], [F64, F64], F64);
op([0xa7], [I64], I32);
op([0xa8], [F32], I32); op([0xa9], [F32], I32); op([0xaa], [F64], I32); op([0xab], [F64], I32);
op([0xac], [I32], I64); op([0xad], [I32], I64);
op([0xae], [F32], I64); op([0xaf], [F32], I64); op([0xb0], [F64], I64); op([0xb1], [F64], I64);
op([0xb2], [I32], F32); op([0xb3], [I32], F32); op([0xb4], [I64], F32); op([0xb5], [I64], F32); op([0xb6], [F64], F32);
op([0xb7], [I32], F64); op([0xb8], [I32], F64); op([0xb9], [I64], F64); op([0xba], [I64], F64); op([0xbb], [F32], F64);
op([0xbc], [F32], I32); op([0xbd], [F64], I64); op([0xbe], [I32], F32); op([0xbf], [I64], F64);
op([0xc0], [I32], I32); op([0xc1], [I32], I32); op([0xc2], [I64], I64); op([0xc3], [I64], I64); op([0xc4], [I64], I64);
op([0xfc, 0], [F32], I32); op([0xfc, 1], [F32], I32); op([0xfc, 2], [F64], I32); op([0xfc, 3], [F64], I32);
op([0xfc, 4], [F32], I64); op([0xfc, 5], [F32], I64); op([0xfc, 6], [F64], I64); op([0xfc, 7], [F64], I64);
const OPS_BY_RES = {};
for (const t of NUM) OPS_BY_RES[t] = OPS.filter((o) => o.res === t);
// copysign: its sign operand is canonicalised (NaN sign bits are free).
const COPYSIGN = new Set([0x98, 0xa6]);
const COMMON = new Set([0x6a, 0x6b, 0x71, 0x72, 0x73, 0x74, 0x7c, 0x7d, 0x83, 0x84, 0x85, 0x86, 0x92, 0x93, 0xa0, 0xa1]);
const REINTERPRET_FROM_FLOAT = new Set([0xbc, 0xbd]);

// loads: [opcode, result, natural alignment log2, bytes]
const LOADS = [[0x28, I32, 2, 4], [0x29, I64, 3, 8], [0x2a, F32, 2, 4], [0x2b, F64, 3, 8],
    [0x2c, I32, 0, 1], [0x2d, I32, 0, 1], [0x2e, I32, 1, 2], [0x2f, I32, 1, 2],
    [0x30, I64, 0, 1], [0x31, I64, 0, 1], [0x32, I64, 1, 2], [0x33, I64, 1, 2], [0x34, I64, 2, 4], [0x35, I64, 2, 4]];
const STORES = [[0x36, I32, 2], [0x37, I64, 3], [0x38, F32, 2], [0x39, F64, 3],
    [0x3a, I32, 0], [0x3b, I32, 1], [0x3c, I64, 0], [0x3d, I64, 1], [0x3e, I64, 2]];

// ---- SIMD (DIFF_SIMD=1) ---------------------------------------------------------
// v128 values stay inside functions (JS cannot pass them), reduced to a
// scalar by extract_lane, any_true, all_true or bitmask, or stored.  NaN
// bits are free in the spec, so vectors are generated in three kinds:
// VI, integer lanes, whose every bit is determined (loads, constants,
// integer arithmetic, comparisons, trunc_sat of floats); VF32/VF64, float
// lanes, which may hold NaNs with any payload and so only flow into float
// lane operations, comparisons, trunc_sat or a float extract_lane (the
// scalar float rules then apply).  A VF is never stored, never reaches a
// bitwise or integer operation, never a bitmask.  A VI may be used as a VF
// (every bit pattern is a valid float input).
const SIMD = typeof process !== 'undefined' && process.env.DIFF_SIMD === '1';
const VI = 'vi', VF32 = 'vf32', VF64 = 'vf64';
const range = (a, b) => { const o = []; for (let i = a; i <= b; i++) o.push(i); return o; };
const V_BIN_I = [0x0e, ...range(0x23, 0x40), 0x4e, 0x4f, 0x50, 0x51, 0x65, 0x66, 0x6e, 0x6f, 0x70, 0x71, 0x72, 0x73,
    0x76, 0x77, 0x78, 0x79, 0x7b, 0x82, 0x85, 0x86, ...range(0x8e, 0x93), 0x95, 0x96, 0x97, 0x98, 0x99, 0x9b,
    0x9c, 0x9d, 0x9e, 0x9f, 0xae, 0xb1, ...range(0xb5, 0xba), ...range(0xbc, 0xbf), 0xce, 0xd1, ...range(0xd5, 0xdf)];
const V_UN_I = [0x4d, 0x60, 0x61, 0x62, 0x7c, 0x7d, 0x7e, 0x7f, 0x80, 0x81, 0x87, 0x88, 0x89, 0x8a,
    0xa0, 0xa1, 0xa7, 0xa8, 0xa9, 0xaa, 0xc0, 0xc1, 0xc7, 0xc8, 0xc9, 0xca];
const V_SHIFT = [0x6b, 0x6c, 0x6d, 0x8b, 0x8c, 0x8d, 0xab, 0xac, 0xad, 0xcb, 0xcc, 0xcd];
const V_CMP_F = { [VF32]: range(0x41, 0x46), [VF64]: range(0x47, 0x4c) };
const V_TRUNC = { [VF32]: [0xf8, 0xf9], [VF64]: [0xfc, 0xfd] };
const V_UN_F = { [VF32]: [0x67, 0x68, 0x69, 0x6a, 0xe0, 0xe1, 0xe3], [VF64]: [0x74, 0x75, 0x7a, 0x94, 0xec, 0xed, 0xef] };
const V_BIN_F = { [VF32]: range(0xe4, 0xeb), [VF64]: range(0xf0, 0xf7) };
// [sub, natural alignment log2]
const V_LOADS = [[0x00, 4], [0x01, 3], [0x02, 3], [0x03, 3], [0x04, 3], [0x05, 3], [0x06, 3],
    [0x07, 0], [0x08, 1], [0x09, 2], [0x0a, 3], [0x5c, 2], [0x5d, 3]];
// [sub, natural alignment log2, lanes]
const V_LOAD_LANES = [[0x54, 0, 16], [0x55, 1, 8], [0x56, 2, 4], [0x57, 3, 2]];
const V_STORE_LANES = [[0x58, 0, 16], [0x59, 1, 8], [0x5a, 2, 4], [0x5b, 3, 2]];
// scalar reductions of a VI: [sub, result, lanes (0: no lane immediate)]
const V_REDUCE = {
    [I32]: [[0x15, I32, 16], [0x16, I32, 16], [0x18, I32, 8], [0x19, I32, 8], [0x1b, I32, 4], [0x53, I32, 0],
        [0x63, I32, 0], [0x64, I32, 0], [0x83, I32, 0], [0x84, I32, 0], [0xa3, I32, 0], [0xa4, I32, 0],
        [0xc3, I32, 0], [0xc4, I32, 0]],
    [I64]: [[0x1d, I64, 2]],
};

// ---- the generator -------------------------------------------------------------
export function generate(seed) {
    const r = rng(seed);
    const types = [];               // [{params, results}] deduplicated
    const typeIdx = (params, results) => {
        const k = params.join(',') + '>' + results.join(',');
        let i = types.findIndex((t) => t.k === k);
        if (i < 0) { i = types.length; types.push({ k, params, results }); }
        return i;
    };
    const nfuncs = 2 + r.int(6);
    const funcs = [];
    for (let i = 0; i < nfuncs; i++) {
        const params = [], results = [];
        const np = r.int(4);
        for (let j = 0; j < np; j++) params.push(r.pick(NUM));
        const nr = r.chance(0.15) ? 0 : r.chance(0.15) ? 2 : 1;
        for (let j = 0; j < nr; j++) results.push(r.pick(NUM));
        funcs.push({ params, results, type: typeIdx(params, results) });
    }
    // Extra types for call_indirect mismatches.
    typeIdx([I32], [I32]); typeIdx([], []); typeIdx([F64, I64], [F32]);

    // Globals: one of each type x mutability, plus a few random; then the budget.
    const globals = [];
    for (const t of NUM) for (const m of [0, 1]) globals.push({ t, mut: m, init: randBits(r, t, true) });
    for (let i = r.int(3); i > 0; i--) { const t = r.pick(NUM); globals.push({ t, mut: r.int(2), init: randBits(r, t, true) }); }
    const budgetG = globals.length;
    globals.push({ t: I32, mut: 1, init: BigInt(100 + r.int(200)) });
    const refG = globals.length;    // a mutable funcref global
    const TABLE_MIN = 4 + r.int(6), TABLE_MAX = TABLE_MIN + 8;
    const MEM_PAGES = 1, MEM_MAX = 3;
    const ndata = 1 + r.int(3), npassive = 1 + r.int(2);
    const dataSegs = [];
    for (let i = 0; i < ndata + npassive; i++) {
        const len = r.int(40);
        const bytes = [];
        for (let j = 0; j < len; j++) bytes.push(r.u32() & 0xff);
        dataSegs.push({ active: i < ndata, off: r.chance(0.3) ? 0 : r.int(65536 - len), bytes });
    }
    const elemActive = []; // offset 0: the slot LLVM's relocations land on
    const nact = 1 + r.int(TABLE_MIN);
    for (let i = 0; i < nact; i++) elemActive.push(r.int(nfuncs));
    const elemPassive = [];
    for (let i = 1 + r.int(4); i > 0; i--) elemPassive.push(r.int(nfuncs));

    const ctx = { r, funcs, globals, types, typeIdx, budgetG, refG, TABLE_MIN, nData: dataSegs.length, nActive: ndata, dataLen: dataSegs.map((x) => x.bytes.length), nElem: 3, simd: SIMD };

    const bodies = funcs.map((f, i) => genFunc(ctx, i));

    // ---- assemble ----------------------------------------------------------------
    const mod = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    let s = [];
    vec(s, types, (o, t) => { o.push(0x60); vec(o, t.params, (o2, v) => o2.push(v)); vec(o, t.results, (o2, v) => o2.push(v)); });
    section(mod, 1, s);
    s = []; vec(s, funcs, (o, f) => uleb(o, f.type)); section(mod, 3, s);
    s = []; uleb(s, 2);
    s.push(FUNCREF, 0x01); uleb(s, TABLE_MIN); uleb(s, TABLE_MAX);
    s.push(EXTERNREF, 0x01); uleb(s, 2); uleb(s, 6);
    section(mod, 4, s);
    s = []; uleb(s, 1); s.push(0x01); uleb(s, MEM_PAGES); uleb(s, MEM_MAX); section(mod, 5, s);
    s = []; uleb(s, globals.length + 1);
    for (const g of globals) { s.push(g.t, g.mut); constExpr(s, g.t, g.init); s.push(0x0b); }
    s.push(FUNCREF, 0x01, 0xd2); uleb(s, r.int(nfuncs)); s.push(0x0b);
    section(mod, 6, s);
    s = [];
    const exps = [];
    funcs.forEach((f, i) => exps.push(['f' + i, 0, i]));
    exps.push(['mem', 2, 0]);
    globals.forEach((g, i) => exps.push(['g' + i, 3, i]));
    vec(s, exps, (o, e) => { name(o, e[0]); o.push(e[1]); uleb(o, e[2]); });
    section(mod, 7, s);
    s = []; uleb(s, 3);
    // active, table 0, offset i32.const 0 (flags 0)
    s.push(0x00, 0x41, 0x00, 0x0b); vec(s, elemActive, (o, x) => uleb(o, x));
    // passive funcref (flags 1, elemkind 0)
    s.push(0x01, 0x00); vec(s, elemPassive, (o, x) => uleb(o, x));
    // declarative: every function, so any ref.func is allowed (flags 3)
    s.push(0x03, 0x00); vec(s, funcs.map((_, i) => i), (o, x) => uleb(o, x));
    section(mod, 9, s);
    s = []; uleb(s, dataSegs.length); section(mod, 12, s);   // data count (bulk memory)
    s = []; vec(s, bodies, (o, b) => { uleb(o, b.length); for (const c of b) o.push(c); }); section(mod, 10, s);
    s = []; vec(s, dataSegs, (o, d) => {
        if (d.active) { o.push(0x00, 0x41); sleb(o, d.off, 32); o.push(0x0b); } else o.push(0x01);
        uleb(o, d.bytes.length); for (const c of d.bytes) o.push(c);
    });
    section(mod, 11, s);

    const calls = [];
    const ncalls = 1 + r.int(4);
    for (let c = 0; c < ncalls; c++) {
        const fi = r.int(nfuncs);
        calls.push({ name: 'f' + fi, args: funcs[fi].params.map((t) => ({ t, bits: randBits(r, t, false) })) });
    }
    funcs.forEach((f, i) => {
        if (!calls.some((c) => c.name === 'f' + i))
            calls.push({ name: 'f' + i, args: f.params.map((t) => ({ t, bits: randBits(r, t, false) })) });
    });
    const gtypes = {}, fresults = {};
    globals.forEach((g, i) => { gtypes['g' + i] = TNAME[g.t]; });
    funcs.forEach((f, i) => { fresults['f' + i] = f.results; });
    return { bytes: Uint8Array.from(mod), calls, gtypes, fresults };
}

function constExpr(out, t, bits) {
    switch (t) {
    case I32: out.push(0x41); sleb(out, bits, 32); break;
    case I64: out.push(0x42); sleb(out, bits, 64); break;
    case F32: out.push(0x43); u32le(out, Number(bits)); break;
    case F64: out.push(0x44); u64le(out, bits); break;
    }
}

function genFunc(ctx, fi) {
    const { r } = ctx;
    const f = ctx.funcs[fi];
    const locals = f.params.slice();
    for (let i = r.int(6); i > 0; i--) locals.push(r.pick(NUM));
    const userLocals = locals.length;        // loop counters and scratch come after
    const F = { fi, f, locals, userLocals, labels: [], loops: 0, size: 0, scratch: {} };
    const scratch = (t) => {
        if (F.scratch[t] === undefined) { F.scratch[t] = locals.length; locals.push(t); }
        return F.scratch[t];
    };
    F.scratchOf = scratch;
    const code = [];
    // the call budget
    code.push(0x23); uleb(code, ctx.budgetG); code.push(0x45, 0x04, 0x40, 0x00, 0x0b);
    code.push(0x23); uleb(code, ctx.budgetG); code.push(0x41, 0x01, 0x6b, 0x24); uleb(code, ctx.budgetG);
    // The function body is a block of its results: the labels stack starts
    // with the function's label.
    F.labels.push({ types: f.results });
    const G = new Gen(ctx, F, code);
    const nst = r.int(6);
    for (let i = 0; i < nst; i++) G.stmt(3);
    for (const t of f.results) G.expr(t, 4);
    code.push(0x0b);
    // locals, run-length encoded
    const body = [];
    const extra = locals.slice(f.params.length);
    const runs = [];
    for (const t of extra) {
        if (runs.length && runs[runs.length - 1][1] === t) runs[runs.length - 1][0]++;
        else runs.push([1, t]);
    }
    vec(body, runs, (o, run) => { uleb(o, run[0]); o.push(run[1]); });
    for (const c of code) body.push(c);
    return body;
}

class Gen {
    constructor(ctx, F, code) { this.ctx = ctx; this.F = F; this.c = code; this.r = ctx.r; }
    emit(...b) { for (const x of b) this.c.push(x); this.F.size++; }
    idx(v) { uleb(this.c, v, this.r.chance(0.05) ? 5 : 0); }

    const_(t) {
        const r = this.r;
        const bits = randBits(r, t, true);
        switch (t) {
        case I32: this.emit(0x41); sleb(this.c, bits, 32, r.chance(0.15) ? 5 : 0); break;
        case I64: this.emit(0x42); sleb(this.c, bits, 64, r.chance(0.15) ? 10 : 0); break;
        case F32: this.emit(0x43); u32le(this.c, Number(bits)); break;
        case F64: this.emit(0x44); u64le(this.c, bits); break;
        }
    }
    // Leave a canonical NaN in place of any NaN of type t on the stack.
    canon(t) {
        if (t !== F32 && t !== F64) return;
        const s = this.F.scratchOf(t);
        this.emit(0x22); this.idx(s);                       // local.tee s
        if (t === F32) { this.emit(0x43); u32le(this.c, 0x7fc00000); } else { this.emit(0x44); u64le(this.c, 0x7ff8000000000000n); }
        this.emit(0x20); this.idx(s); this.emit(0x20); this.idx(s);
        this.emit(t === F32 ? 0x5b : 0x61);                 // eq
        this.emit(0x1b);                                    // select: x if x==x
    }
    localsOf(t, writable) {
        const out = [];
        const n = writable ? this.F.userLocals : this.F.locals.length;
        for (let i = 0; i < n; i++) if (this.F.locals[i] === t) out.push(i);
        return out;
    }
    globalsOf(t, mut) {
        const out = [];
        this.ctx.globals.forEach((g, i) => { if (g.t === t && (!mut || g.mut) && i !== this.ctx.budgetG) out.push(i); });
        return out;
    }
    // Mostly in bounds of the first page; about one access in twenty is out
    // of bounds (through the address or the offset).
    addr(d) {
        const r = this.r;
        const k = r.int(20);
        if (k < 10) { this.emit(0x41); sleb(this.c, r.int(65536 - 8), 32, r.chance(0.1) ? 5 : 0); }
        else if (k < 14) { this.expr(I32, d - 1); this.emit(0x41); sleb(this.c, r.pick([0xfff8, 0xfff, 0xff, 0x7ff0]), 32); this.emit(0x71); }
        else if (k < 16) {      // base + index: an add of two operands straight into the access
            this.simple(I32, d); this.emit(0x41); sleb(this.c, 0x7ff0, 32); this.emit(0x71);
            this.simple(I32, d); this.emit(0x41); sleb(this.c, 0xff, 32); this.emit(0x71);
            this.emit(0x6a);
        }
        else if (k < 18) {      // index << scale, then maybe + base: the shifted address forms
            this.simple(I32, d); this.emit(0x41); sleb(this.c, 0x3ff, 32); this.emit(0x71);
            this.emit(0x41, r.pick([1, 2, 3])); this.emit(0x74);
            if (r.chance(0.5)) { this.emit(0x41); sleb(this.c, r.int(0x8000), 32); this.emit(0x6a); }
        }
        else if (k < 19) { this.emit(0x41); sleb(this.c, r.pick([65536 - 4, 65536 - 1, 65536, -1, -8, 131072]), 32); }
        else this.expr(I32, d - 1);
    }
    memarg(natural) {
        const r = this.r;
        uleb(this.c, r.int(natural + 1));
        const w = r.int(40);
        uleb(this.c, w < 36 ? r.int(16) : w < 38 ? r.int(4096) : w < 39 ? 65536 * r.int(3) : 0xffffffff - r.int(8));
    }
    leaf(t) {
        const r = this.r;
        const k = r.int(10);
        if (k < 4) return this.const_(t);
        if (k < 6) { const ls = this.localsOf(t, false); if (ls.length) { this.emit(0x20); this.idx(r.pick(ls)); return; } }
        const gs = this.globalsOf(t, false);
        if (gs.length && k < 10) { this.emit(0x23); this.idx(r.pick(gs)); return; }
        this.const_(t);
    }
    // A leaf, a load or a call: the operand kinds a translator may fuse.
    simple(t, d) {
        const r = this.r, k = r.int(10);
        if (k < 2) {        // zero, in every encoding
            if (t === I32) { this.emit(0x41); sleb(this.c, 0, 32, r.pick([0, 0, 2, 5])); return; }
            if (t === I64) { this.emit(0x42); sleb(this.c, 0, 64, r.pick([0, 0, 3, 10])); return; }
        }
        if (k < 7) return this.leaf(t);
        if (k < 9) {
            const l = r.pick(LOADS.filter((x) => x[1] === t));
            if (r.chance(0.5)) { this.emit(0x41); sleb(this.c, r.int(65536 - 8), 32); } else this.leaf(I32);
            this.emit(l[0]); this.memarg(l[2]);
            return;
        }
        const fi = this.callee(t);
        if (fi < 0) return this.leaf(t);
        this.callExpr(fi, Math.min(d, 2), false);
        this.keepFirst(this.ctx.funcs[fi].results);
    }
    // A function (direct or through the table) whose first result is t.
    callee(t) {
        const c = [];
        this.ctx.funcs.forEach((f, i) => { if (f.results.length && f.results[0] === t && i > this.F.fi) c.push(i); });
        return c.length ? this.r.pick(c) : -1;
    }
    args(params, d) { for (const p of params) this.expr(p, d - 1); }
    // Drop or stash the results after the first one (multi-value).
    keepFirst(results) {
        for (let i = results.length - 1; i >= 1; i--) { this.emit(0x21); this.idx(this.F.scratchOf(results[i])); }
    }
    callExpr(fi, d, indirect) {
        const r = this.r, f = this.ctx.funcs[fi];
        this.args(f.params, d);
        if (!indirect) { this.emit(0x10); this.idx(fi); return; }
        // the table index: mostly in range, sometimes past the end or a null slot
        if (r.chance(0.8)) { this.emit(0x41); sleb(this.c, r.chance(0.9) ? r.int(this.ctx.TABLE_MIN) : this.ctx.TABLE_MIN + r.int(2), 32, r.chance(0.2) ? 5 : 0); }
        else this.expr(I32, d - 1);
        this.emit(0x11); this.idx(f.type); this.emit(0x00);
    }
    blocktype(t) { if (t === undefined) this.emit(0x40); else this.emit(t); }

    // ---- SIMD ----------------------------------------------------------------------
    vop(sub) { this.emit(0xfd); uleb(this.c, sub); }
    // A scalar of type t from a vector.
    vreduce(t, d) {
        const r = this.r;
        if (t === F32 || t === F64) {
            this.vec(t === F32 ? VF32 : VF64, d - 1);
            this.vop(t === F32 ? 0x1f : 0x21); this.c.push(r.int(t === F32 ? 4 : 2));
            return;
        }
        const [sub, , lanes] = r.pick(V_REDUCE[t]);
        this.vec(VI, d - 1);
        this.vop(sub);
        if (lanes) this.c.push(r.int(lanes));
    }
    // A vector of kind k (VI, VF32, VF64) on the stack.
    vec(k, d) {
        const r = this.r;
        if (d <= 0 || this.F.size > 400) {
            if (k !== VI && r.chance(0.5)) { this.expr(k === VF32 ? F32 : F64, 0); this.vop(k === VF32 ? 0x13 : 0x14); return; }
            this.vop(0x0c);
            const pat = r.int(4);
            for (let i = 0; i < 16; i++) this.c.push(pat === 0 ? 0 : pat === 1 ? 0xff : pat === 2 ? (i * 17) & 0xff : r.u32() & 0xff);
            return;
        }
        if (k !== VI) {
            const x = r.int(10);
            if (x < 2) return this.vec(VI, d - 1);                        // any bits are float inputs
            if (x < 4) { this.expr(k === VF32 ? F32 : F64, d - 1); this.vop(k === VF32 ? 0x13 : 0x14); return; }
            if (x < 6) { this.vec(k, d - 1); this.vop(r.pick(V_UN_F[k])); return; }
            if (x < 8) { this.vec(k, d - 1); this.vec(k, d - 1); this.vop(r.pick(V_BIN_F[k])); return; }
            if (x < 9) {                                                  // conversions
                if (k === VF32) { if (r.chance(0.5)) { this.vec(VI, d - 1); this.vop(r.pick([0xfa, 0xfb])); } else { this.vec(VF64, d - 1); this.vop(0x5e); } }
                else if (r.chance(0.5)) { this.vec(VI, d - 1); this.vop(r.pick([0xfe, 0xff])); } else { this.vec(VF32, d - 1); this.vop(0x5f); }
                return;
            }
            this.vec(k, d - 1); this.expr(k === VF32 ? F32 : F64, d - 1);  // replace_lane
            this.vop(k === VF32 ? 0x20 : 0x22); this.c.push(r.int(k === VF32 ? 4 : 2));
            return;
        }
        const x = r.int(100);
        if (x < 8) return this.vec(VI, 0);
        if (x < 16) {                                                     // splat
            const [sub, t] = r.pick([[0x0f, I32], [0x10, I32], [0x11, I32], [0x12, I64]]);
            this.expr(t, d - 1); this.vop(sub); return;
        }
        if (x < 28) {                                                     // a load (may trap)
            const [sub, al] = r.pick(V_LOADS);
            this.addr(d); this.vop(sub); this.memarg(al); return;
        }
        if (x < 32) {                                                     // a lane load
            const [sub, al, lanes] = r.pick(V_LOAD_LANES);
            this.addr(d); this.vec(VI, d - 1); this.vop(sub); this.memarg(al); this.c.push(r.int(lanes)); return;
        }
        if (x < 55) { this.vec(VI, d - 1); this.vec(VI, d - 1); this.vop(r.pick(V_BIN_I)); return; }
        if (x < 65) { this.vec(VI, d - 1); this.vop(r.pick(V_UN_I)); return; }
        if (x < 71) { this.vec(VI, d - 1); this.expr(I32, d - 1); this.vop(r.pick(V_SHIFT)); return; }
        if (x < 75) { this.vec(VI, d - 1); this.vec(VI, d - 1); this.vec(VI, d - 1); this.vop(0x52); return; }   // bitselect
        if (x < 80) {                                                     // shuffle
            this.vec(VI, d - 1); this.vec(VI, d - 1); this.vop(0x0d);
            for (let i = 0; i < 16; i++) this.c.push(r.int(32));
            return;
        }
        if (x < 85) {                                                     // replace_lane
            const [sub, t, lanes] = r.pick([[0x17, I32, 16], [0x1a, I32, 8], [0x1c, I32, 4], [0x1e, I64, 2]]);
            this.vec(VI, d - 1); this.expr(t, d - 1); this.vop(sub); this.c.push(r.int(lanes)); return;
        }
        const f = r.chance(0.5) ? VF32 : VF64;
        if (x < 93) { this.vec(f, d - 1); this.vec(f, d - 1); this.vop(r.pick(V_CMP_F[f])); return; }
        if (x < 97) { this.vec(f, d - 1); this.vop(r.pick(V_TRUNC[f])); return; }
        // select of two vectors (the typed form)
        this.vec(VI, d - 1); this.vec(VI, d - 1); this.expr(I32, d - 1); this.emit(0x1c, 0x01, 0x7b);
    }
    // A vector store (integer lanes only: a float lane's NaN bits are free).
    vstore(d) {
        const r = this.r;
        if (r.chance(0.6)) { this.addr(d); this.vec(VI, d - 1); this.vop(0x0b); this.memarg(4); return; }
        const [sub, al, lanes] = r.pick(V_STORE_LANES);
        this.addr(d); this.vec(VI, d - 1); this.vop(sub); this.memarg(al); this.c.push(r.int(lanes));
    }

    // Exactly one value of type t (or a diverging sequence).
    expr(t, d) {
        const r = this.r, F = this.F;
        if (d <= 0 || F.size > 400) return this.leaf(t);
        if (this.ctx.simd && d > 1 && r.chance(0.12)) return this.vreduce(t, d);
        const k = r.int(100);
        if (k < 22) return this.leaf(t);
        if (k < 34) {           // a binary operator on two simple operands: the fused forms' food
            const bs = OPS_BY_RES[t].filter((o) => o.params.length === 2 && o.params[0] === t);
            if (bs.length) {
                // add/sub/and/or/xor/shl weigh more: what compiled address arithmetic uses
                const o = r.chance(0.4) ? r.pick(bs.filter((x) => COMMON.has(x.code[0])).concat(bs.slice(0, 1))) : r.pick(bs);
                for (let i = 0; i < 2; i++) {
                    this.simple(t, d);
                    if (i === 1 && COPYSIGN.has(o.code[0])) this.canon(t);
                }
                this.emit(...o.code);
                return;
            }
        }
        if (k < 55) {           // an operator
            const o = r.pick(OPS_BY_RES[t]);
            for (let i = 0; i < o.params.length; i++) {
                this.expr(o.params[i], d - 1);
                if ((i === 1 && COPYSIGN.has(o.code[0])) || REINTERPRET_FROM_FLOAT.has(o.code[0])) this.canon(o.params[i]);
            }
            this.emit(...o.code);
            if (o.code[0] === 0xfc) this.F.size++;
            return;
        }
        if (k < 63) {           // a load
            const ls = LOADS.filter((l) => l[1] === t);
            const l = r.pick(ls);
            this.addr(d); this.emit(l[0]); this.memarg(l[2]);
            return;
        }
        if (k < 70) {           // a call
            const fi = this.callee(t);
            if (fi < 0) return this.leaf(t);
            this.callExpr(fi, d, r.chance(0.4));
            this.keepFirst(this.ctx.funcs[fi].results);
            return;
        }
        if (k < 74) {           // select
            this.expr(t, d - 1); this.expr(t, d - 1); this.expr(I32, d - 1);
            if (r.chance(0.5)) this.emit(0x1b); else { this.emit(0x1c, 0x01, t); }
            return;
        }
        if (k < 78) {           // if/else with a result
            this.expr(I32, d - 1);
            this.emit(0x04); this.blocktype(t);
            F.labels.push({ types: [t] });
            this.stmts(d - 1); this.expr(t, d - 1);
            this.emit(0x05);
            this.stmts(d - 1); this.expr(t, d - 1);
            F.labels.pop();
            this.emit(0x0b);
            return;
        }
        if (k < 83) {           // block with a result, branches out of it inside
            this.emit(0x02); this.blocktype(t);
            F.labels.push({ types: [t] });
            this.stmts(d - 1);
            if (r.chance(0.3)) this.branch(d - 1); else this.expr(t, d - 1);
            F.labels.pop();
            this.emit(0x0b);
            return;
        }
        if (k < 84) {           // multi-value block types: [t] -> [t] (a param), [] -> [t, u]
            const ti = this.ctx.typeIdx;
            if (r.chance(0.5)) {
                this.expr(t, d - 1);
                this.emit(0x02); sleb(this.c, ti([t], [t]), 33);
                F.labels.push({ types: [t] });
                this.stmts(d - 1);
                const bs = OPS_BY_RES[t].filter((o) => o.params.length === 2 && o.params[0] === t && o.params[1] === t && !COPYSIGN.has(o.code[0]));
                this.expr(t, d - 1); this.emit(...r.pick(bs).code);
            } else {
                const u = r.pick(NUM);
                this.emit(0x02); sleb(this.c, ti([], [t, u]), 33);
                F.labels.push({ types: [t, u] });
                this.stmts(d - 1);
                if (r.chance(0.2)) this.branch(d - 1); else { this.expr(t, d - 1); this.expr(u, d - 1); }
                F.labels.pop(); this.emit(0x0b);
                this.emit(0x21); this.idx(this.F.scratchOf(u));
                return;
            }
            F.labels.pop(); this.emit(0x0b);
            return;
        }
        if (k < 86) {           // local.tee
            const ls = this.localsOf(t, true);
            if (!ls.length) return this.leaf(t);
            this.expr(t, d - 1); this.emit(0x22); this.idx(r.pick(ls));
            return;
        }
        if (k < 89 && t === I32) {   // memory.size / memory.grow / table.size / table.grow / ref.is_null
            const w = r.int(5);
            if (w === 0) { this.emit(0x3f, 0x00); return; }
            if (w === 1) { this.expr(I32, d - 1); this.emit(0x41, 0x03, 0x71); this.emit(0x40, 0x00); return; }
            if (w === 2) { this.emit(0xfc); uleb(this.c, 16); uleb(this.c, r.int(2)); return; }
            if (w === 3) {
                const tb = r.int(2);
                if (tb === 0) this.funcref(d - 1); else this.emit(0xd0, EXTERNREF);
                this.expr(I32, d - 1); this.emit(0x41, 0x07, 0x71);
                this.emit(0xfc); uleb(this.c, 15); uleb(this.c, tb); return;
            }
            this.funcref(d - 1); this.emit(0xd1); return;
        }
        if (k < 92) {           // a diverging operand: br / br_if+drop / return / unreachable
            if (r.chance(0.8)) { this.branch(d - 1); return; }
            if (r.chance(0.5)) { for (const rt of F.f.results) this.expr(rt, d - 1); this.emit(0x0f); return; }
            if (r.chance(0.2)) { this.emit(0x00); return; }
            return this.leaf(t);
        }
        // nested
        return this.expr(t, d - 1);
    }
    funcref(d) {
        const r = this.r;
        const k = r.int(4);
        if (k === 0) { this.emit(0xd2); this.idx(r.int(this.ctx.funcs.length)); }
        else if (k === 1) this.emit(0xd0, FUNCREF);
        else if (k === 2) { this.emit(0x23); this.idx(this.ctx.refG); }
        else { this.expr(I32, d - 1); this.emit(0x41, r.chance(0.9) ? 0x03 : 0x0f, 0x71, 0x25, 0x00); }   // table.get, maybe OOB
    }
    // br / br_table to some label, with that label's values; diverges.
    branch(d) {
        const r = this.r, L = this.F.labels;
        const depth = r.int(L.length);
        const target = L[L.length - 1 - depth];
        for (const t of target.types) this.expr(t, d - 1);
        if (r.chance(0.6)) { this.emit(0x0c); this.idx(depth); return; }
        // br_table over labels of the same type
        const same = [];
        for (let i = 0; i < L.length; i++) if (L[L.length - 1 - i].types.join() === target.types.join()) same.push(i);
        this.expr(I32, d - 1);
        const n = r.int(5);
        this.emit(0x0e); uleb(this.c, n);
        for (let i = 0; i < n; i++) this.idx(r.pick(same));
        this.idx(depth);
    }
    stmts(d) { for (let i = this.r.int(3); i > 0; i--) this.stmt(d); }
    stmt(d) {
        const r = this.r, F = this.F, ctx = this.ctx;
        if (d <= 0 || F.size > 400) return;
        if (ctx.simd && r.chance(0.08)) return this.vstore(d);
        const k = r.int(100);
        if (k < 16) {           // local.set
            const t = r.pick(NUM); const ls = this.localsOf(t, true);
            if (!ls.length) return;
            this.expr(t, d); this.emit(0x21); this.idx(r.pick(ls));
            return;
        }
        if (k < 24) {           // global.set
            const t = r.pick(NUM); const gs = this.globalsOf(t, true);
            if (!gs.length) return;
            this.expr(t, d); this.emit(0x24); this.idx(r.pick(gs));
            return;
        }
        if (k < 40) {           // store
            const s = r.pick(STORES);
            this.addr(d); this.expr(s[1], d); this.canon(s[1]); this.emit(s[0]); this.memarg(s[2]);
            return;
        }
        if (k < 46) {           // call, results dropped
            if (F.fi + 1 >= ctx.funcs.length) return;
            const fi = F.fi + 1 + r.int(ctx.funcs.length - F.fi - 1);
            this.callExpr(fi, d, r.chance(0.4));
            for (let i = 0; i < ctx.funcs[fi].results.length; i++) this.emit(0x1a);
            return;
        }
        if (k < 52) {           // drop
            this.expr(r.pick(NUM), d); this.emit(0x1a);
            return;
        }
        if (k < 58) {           // if / else
            this.expr(I32, d - 1); this.emit(0x04, 0x40);
            F.labels.push({ types: [] });
            this.stmts(d - 1);
            if (r.chance(0.5)) { this.emit(0x05); this.stmts(d - 1); }
            F.labels.pop(); this.emit(0x0b);
            return;
        }
        if (k < 64) {           // block with branches
            this.emit(0x02, 0x40);
            F.labels.push({ types: [] });
            this.stmts(d - 1);
            const w = r.int(3);
            if (w === 0) {      // br_if to a label of no values (this block, maybe the next)
                const L = F.labels; const ds = [0];
                if (L.length > 1 && !L[L.length - 2].types.length) ds.push(1);
                this.expr(I32, d - 1); this.emit(0x0d); this.idx(r.pick(ds));
            }
            else if (w === 1) this.branch(d - 1);
            this.stmts(d - 1);
            F.labels.pop(); this.emit(0x0b);
            return;
        }
        if (k < 70 && F.loops < 3) {   // a bounded loop
            F.loops++;
            const c = F.locals.length; F.locals.push(I32);
            const n = 1 + r.int(8);
            this.emit(0x41, 0x00, 0x21); this.idx(c);
            this.emit(0x02, 0x40, 0x03, 0x40);
            this.emit(0x20); this.idx(c); this.emit(0x41, 0x01, 0x6a, 0x22); this.idx(c);
            this.emit(0x41, n, 0x4b, 0x0d, 0x01);          // counter > n: exit
            F.labels.push({ types: [] }); F.labels.push({ types: [] });
            this.stmts(d - 1); this.stmts(d - 1);
            if (r.chance(0.5)) { this.expr(I32, d - 1); this.emit(0x0d, 0x00); }
            else this.emit(0x0c, 0x00);
            F.labels.pop(); F.labels.pop();
            this.emit(0x0b, 0x0b);
            F.loops--;
            return;
        }
        if (k < 74) {           // br_if carrying a value, then drop
            const L = F.labels, depth = r.int(L.length), tgt = L[L.length - 1 - depth];
            for (const t of tgt.types) this.expr(t, d - 1);
            this.expr(I32, d - 1); this.emit(0x0d); this.idx(depth);
            for (let i = 0; i < tgt.types.length; i++) this.emit(0x1a);
            return;
        }
        if (k < 84) {           // bulk memory
            const w = r.int(4);
            const len = () => { if (r.chance(0.95)) { this.emit(0x41); sleb(this.c, r.int(r.chance(0.8) ? 8 : 300), 32); } else this.expr(I32, d - 1); };
            if (w === 0) { this.addr(d); this.expr(I32, d - 1); len(); this.emit(0xfc, 11, 0x00); }
            else if (w === 1) { this.addr(d); this.addr(d); len(); this.emit(0xfc, 10, 0x00, 0x00); }
            else if (w === 2) {     // memory.init, mostly from a passive segment, in its bounds
                const seg = r.chance(0.85) ? ctx.nActive + r.int(ctx.nData - ctx.nActive) : r.int(ctx.nData);
                const sl = ctx.dataLen[seg], so = r.int(sl + 1), n = r.chance(0.9) ? r.int(sl - so + 1) : r.int(48);
                this.addr(d); this.emit(0x41); sleb(this.c, so, 32); this.emit(0x41); sleb(this.c, n, 32);
                this.emit(0xfc, 8); uleb(this.c, seg); this.emit(0x00);
            }
            else if (r.chance(0.3)) { this.emit(0xfc, 9); uleb(this.c, r.int(ctx.nData)); }
            else { this.emit(0x01); }
            this.F.size++;
            return;
        }
        if (k < 94) {           // tables
            const w = r.int(6);
            const ti = () => { this.emit(0x41); sleb(this.c, r.chance(0.9) ? r.int(ctx.TABLE_MIN - 2) : r.int(ctx.TABLE_MIN + 3), 32); };
            const tn = () => { this.emit(0x41); sleb(this.c, r.chance(0.9) ? r.int(3) : r.int(8), 32); };
            if (w === 0) { ti(); this.funcref(d - 1); this.emit(0x26, 0x00); }
            else if (w === 1) { ti(); this.emit(0xd0, EXTERNREF, 0x26, 0x01); }
            else if (w === 2) { ti(); this.funcref(d - 1); tn(); this.emit(0xfc, 17, 0x00); }
            else if (w === 3) { ti(); ti(); tn(); this.emit(0xfc, 14, 0x00, 0x00); }
            else if (w === 4) { ti(); this.emit(0x41); sleb(this.c, r.int(2), 32); tn(); this.emit(0xfc, 12, r.chance(0.8) ? 1 : r.int(3), 0x00); }
            else { this.emit(0xfc, 13, r.int(3)); }
            this.F.size++;
            return;
        }
        if (k < 97) {           // funcref global
            this.funcref(d - 1); this.emit(0x24); this.idx(ctx.refG);
            return;
        }
        this.emit(0x01);        // nop
    }
}
