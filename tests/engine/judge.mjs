// tests/engine/judge.mjs — V8 as the judge for hand-written test modules:
// calls every exported function whose name starts with its result type
// ("i32_...", "i64_...", "f32_...", "f64_...") and prints what run_exports
// prints for our engine.   node judge.mjs FILE.wasm
import { readFileSync } from 'node:fs';
import { T, judge } from './wasmenc.mjs';

const bytes = readFileSync(process.argv[2]);
const mod = new WebAssembly.Module(bytes);
const types = {};
for (const e of WebAssembly.Module.exports(mod)) {
    const t = /^(i32|i64|f32|f64)_/.exec(e.name);
    if (e.kind === 'function' && t) types[e.name] = T[t[1]];
}
console.log((await judge(bytes, types)).join('\n'));
