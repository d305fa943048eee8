// bench/gen_big.mjs — make a large, valid module for the compile benchmark.
//   node gen_big.mjs kernels.wasm COPIES out.wasm
// Appends COPIES copies of every function body of kernels.wasm (real clang
// output: loops, loads/stores, calls, br_table) as new functions with the
// same types.  Calls in the copies still target the original functions, so
// the result validates exactly as the input does.  Custom sections dropped.
import { readFileSync, writeFileSync } from 'node:fs';

const [inFile, copiesArg, outFile] = process.argv.slice(2);
const copies = parseInt(copiesArg, 10);
const buf = readFileSync(inFile);

function readU32(b, pos) {
  let result = 0, shift = 0, byte;
  do {
    byte = b[pos.p++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return result;
}
function u32(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}

const pos = { p: 8 };
const sections = [];
while (pos.p < buf.length) {
  const id = buf[pos.p++];
  const size = readU32(buf, pos);
  sections.push({ id, body: buf.subarray(pos.p, pos.p + size) });
  pos.p += size;
}

const out = [buf.subarray(0, 8)];
for (const s of sections) {
  if (s.id === 0) continue;
  let body = s.body;
  if (s.id === 3) { // function section: type index per function
    const q = { p: 0 };
    const n = readU32(body, q);
    const types = body.subarray(q.p);
    body = Buffer.concat([u32(n * (copies + 1)), ...Array(copies + 1).fill(types)]);
  } else if (s.id === 10) { // code section: size-prefixed bodies
    const q = { p: 0 };
    const n = readU32(body, q);
    const rest = body.subarray(q.p);
    body = Buffer.concat([u32(n * (copies + 1)), ...Array(copies + 1).fill(rest)]);
  }
  out.push(Buffer.from([s.id]), u32(body.length), body);
}
const result = Buffer.concat(out);
writeFileSync(outFile, result);
console.error(`${outFile}: ${result.length} bytes, ${copies + 1} copies`);
