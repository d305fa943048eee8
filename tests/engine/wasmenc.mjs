// tests/engine/wasmenc.mjs — a minimal WebAssembly binary encoder for the
// engine's generated tests (no dependency on our engine or on wabt).
export const T = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };

export function uleb(n, pad = 0) {
    n = BigInt(n);
    const out = [];
    do {
        let b = Number(n & 0x7fn);
        n >>= 7n;
        if (n !== 0n || out.length + 1 < pad) b |= 0x80;
        out.push(b);
    } while (n !== 0n || out.length < pad);
    return out;
}
// signed LEB; pad = minimum byte count (a padded, still canonical-length
// encoding: 5 bytes for i32, 10 for i64)
export function sleb(n, pad = 0) {
    n = BigInt(n);
    const out = [];
    for (;;) {
        const b = Number(n & 0x7fn);
        n >>= 7n;
        const done = (n === 0n && !(b & 0x40)) || (n === -1n && (b & 0x40));
        if (done && out.length + 1 >= pad) { out.push(b); return out; }
        out.push(b | 0x80);
    }
}
export const str = (s) => { const b = [...Buffer.from(s, 'utf8')]; return [...uleb(b.length), ...b]; };
const vec = (items) => [...uleb(items.length), ...items.flat()];
const section = (id, body) => (body.length ? [id, ...uleb(body.length), ...body] : []);
export const f32bytes = (x) => { const b = Buffer.alloc(4); b.writeFloatLE(x); return [...b]; };
export const f64bytes = (x) => { const b = Buffer.alloc(8); b.writeDoubleLE(x); return [...b]; };
export const f32bits = (u) => { const b = Buffer.alloc(4); b.writeUInt32LE(u >>> 0); return [...b]; };
export const f64bits = (u) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt.asUintN(64, BigInt(u))); return [...b]; };

// A module under construction.  funcs: {type: [params, results], locals:
// [valtype...], body: [bytes] (without the final end), export: name}.
export class Mod {
    constructor() {
        this.types = []; this.funcs = []; this.globals = []; this.mems = []; this.datas = [];
        this.exports = []; this.tables = []; this.elems = []; this.imports = [];
    }
    type(params, results) {
        const key = params.join(',') + '>' + results.join(',');
        let i = this.types.findIndex((t) => t.key === key);
        if (i < 0) { i = this.types.length; this.types.push({ key, params, results }); }
        return i;
    }
    func(params, results, locals, body, exportName) {
        const idx = this.funcs.length;
        this.funcs.push({ t: this.type(params, results), locals, body });
        if (exportName) this.exports.push([exportName, 0, idx]);
        return idx;
    }
    // init: bytes of a constant expression (without end)
    global(type, mut, init) { this.globals.push([type, mut ? 1 : 0, ...init, 0x0b]); return this.globals.length - 1; }
    memory(min, max) { this.mems.push(max === undefined ? [0, ...uleb(min)] : [1, ...uleb(min), ...uleb(max)]); return this.mems.length - 1; }
    data(mem, offsetExpr, bytes) {
        this.datas.push(mem === 0 ? [0, ...offsetExpr, 0x0b, ...vec(bytes.map((b) => [b]))]
                                  : [2, ...uleb(mem), ...offsetExpr, 0x0b, ...vec(bytes.map((b) => [b]))]);
    }
    bytes() {
        const typeSec = vec(this.types.map((t) => [0x60, ...vec(t.params.map((p) => [p])), ...vec(t.results.map((p) => [p]))]));
        const funcSec = vec(this.funcs.map((f) => uleb(f.t)));
        const tableSec = this.tables.length ? vec(this.tables) : [];
        const memSec = this.mems.length ? vec(this.mems) : [];
        const globSec = this.globals.length ? vec(this.globals) : [];
        const expSec = vec(this.exports.map(([n, k, i]) => [...str(n), k, ...uleb(i)]));
        const elemSec = this.elems.length ? vec(this.elems) : [];
        const codeSec = vec(this.funcs.map((f) => {
            const groups = [];
            for (const l of f.locals) {
                if (groups.length && groups.at(-1)[1] === l) groups.at(-1)[0]++;
                else groups.push([1, l]);
            }
            const body = [...vec(groups.map(([n, t]) => [...uleb(n), t])), ...f.body, 0x0b];
            return [...uleb(body.length), ...body];
        }));
        const dataSec = this.datas.length ? vec(this.datas) : [];
        return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
            ...section(1, typeSec), ...section(3, funcSec), ...section(4, tableSec), ...section(5, memSec),
            ...section(6, globSec), ...section(7, expSec), ...section(9, elemSec), ...section(10, codeSec),
            ...section(11, dataSec)]);
    }
}

// How judge/run_exports print a result of type t (a JS value from V8).
export function show(t, v) {
    const b = Buffer.alloc(8);
    switch (t) {
    case T.i32: return 'i32:' + (v >>> 0).toString(16);
    case T.i64: return 'i64:' + BigInt.asUintN(64, v).toString(16);
    case T.f32: if (Number.isNaN(v)) return 'f32:nan'; b.writeFloatLE(v); return 'f32:' + b.readUInt32LE().toString(16);
    case T.f64: if (Number.isNaN(v)) return 'f64:nan'; b.writeDoubleLE(v); return 'f64:' + b.readBigUInt64LE().toString(16);
    }
    throw new Error('type');
}

// Run every exported [] -> [t] function in V8, in export order; returns the
// lines run_exports prints.  resultType: export name -> valtype.
export async function judge(bytes, resultType) {
    const { instance } = await WebAssembly.instantiate(bytes, {});
    const out = [];
    for (const [name, fn] of Object.entries(instance.exports)) {
        if (typeof fn !== 'function' || !(name in resultType)) continue;
        let line;
        try { line = show(resultType[name], fn()); } catch (e) {
            if (!(e instanceof WebAssembly.RuntimeError)) throw e;
            line = 'trap';
        }
        out.push(`${name} ${line}`);
    }
    return out;
}
