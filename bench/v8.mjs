// bench/v8.mjs — run the bench kernels in Node's V8.
//   node v8.mjs kernels.wasm RUNS name:arg ...
// Prints one line per kernel: name checksum best_seconds (one warm-up call
// first, so V8's optimising tier has a chance to kick in).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [file, runsArg, ...specs] = process.argv.slice(2);
if (!file || !runsArg) {
  console.error('usage: node v8.mjs kernels.wasm RUNS name:arg ...');
  process.exit(2);
}
const runs = Math.max(1, parseInt(runsArg, 10));
const bytes = readFileSync(file);
const { instance } = await WebAssembly.instantiate(bytes, {});
for (const spec of specs) {
  const [name, argStr] = spec.split(':');
  const fn = instance.exports[name];
  if (typeof fn !== 'function') {
    console.error(`unknown kernel ${name}`);
    process.exit(2);
  }
  const arg = parseInt(argStr, 10);
  const check = fn(arg) >>> 0; // warm-up
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const c = fn(arg) >>> 0;
    const t = (performance.now() - t0) / 1000;
    if (c !== check) {
      console.error(`${name}: checksum changed between runs`);
      process.exit(1);
    }
    if (t < best) best = t;
  }
  console.log(`${name} ${check} ${best.toFixed(9)}`);
}
