// tests/simd/invoke.mjs — V8's side of t_simd.sh's comparison: call one
// export of a module (no imports) with integer arguments and print its
// results one per line as `boxagnts invoke` does, or "trap: MESSAGE".
//   node invoke.mjs MODULE.wasm FUNC [ARGS...]
import { readFileSync } from 'node:fs';

const [file, func, ...args] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
const f = instance.exports[func];
const types = WebAssembly.Function && WebAssembly.Function.type ? WebAssembly.Function.type(f) : null;
// i64 parameters take BigInt: the module's i64 params are the ones given
// with a trailing "n" by the caller, or too big for an i32.
const conv = args.map((a, i) => {
    const t = types ? types.parameters[i] : (a.endsWith('n') ? 'i64' : 'i32');
    const s = a.replace(/n$/, '');
    return t === 'i64' ? BigInt(s) : Number(s);
});
try {
    let r = f(...conv);
    if (!Array.isArray(r)) r = r === undefined ? [] : [r];
    for (const v of r) console.log(String(v));
} catch (e) {
    if (e instanceof WebAssembly.RuntimeError) console.log(`trap: ${e.message}`);
    else throw e;
}
