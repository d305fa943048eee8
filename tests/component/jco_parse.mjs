// jco_parse.mjs API LIST — text to binary for many components in one node
// process (jco's wasm-tools parse): LIST has "in.wat out.wasm" lines; a form
// wasm-tools refuses gets no output file (wast.py counts it).
import { readFileSync, writeFileSync } from 'node:fs';
const { parse } = await import(process.argv[2]);
for (const line of readFileSync(process.argv[3], 'utf8').split('\n')) {
    const [src, dst] = line.split(' ');
    if (!src) continue;
    try {
        writeFileSync(dst, await parse(readFileSync(src, 'utf8')));
    } catch (e) {
        writeFileSync(dst + '.err', String(e));
    }
}
