// fuzz/diff/diff.mjs — the V8 side of the differential harness.
//
//   node diff.mjs gen DIR SEED0 COUNT     (or: gen DIR SEEDLIST, e.g. 1-400,1299)
//       writes DIR/<seed>.wasm for seeds SEED0..SEED0+COUNT-1, DIR/batch.txt
//       (what the C driver runs: "M file" then "C export type:hexbits..."),
//       and prints V8's results in the driver's format (see driver.c).
//   node diff.mjs run BATCH
//       V8's results for an existing batch file (saved modules).
//   node diff.mjs compare V8OUT OURS NOFUSION [SAVEDIR]
//       compares the three result files module by module; prints each
//       difference, copies the module and its batch lines to SAVEDIR, and
//       ends with "modules N differences N skipped N".  Exit 1 on a difference.
//
// A module is skipped (not compared) only when our engine ran out of fuel
// in one of its calls (V8 has no fuel; the generator bounds the work, the
// fuel is a safety net).
import { generate, TNAME } from './gen.mjs';
import fs from 'node:fs';
import path from 'node:path';

const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
const hex = (v, w) => BigInt.asUintN(w * 4, BigInt(v)).toString(16).padStart(w, '0');

function fmt(t, v) {
    switch (t) {
    case 'i32': return 'i32:' + hex(v, 8);
    case 'i64': return 'i64:' + hex(v, 16);
    case 'f32': if (Number.isNaN(v)) return 'f32:nan'; f32[0] = v; return 'f32:' + hex(u32[0], 8);
    case 'f64': if (Number.isNaN(v)) return 'f64:nan'; f64[0] = v; return 'f64:' + hex(u64[0], 16);
    }
    return '?';
}
function arg(t, bits) {
    bits = BigInt('0x' + bits);
    switch (t) {
    case 'i32': return Number(BigInt.asIntN(32, bits));
    case 'i64': return BigInt.asIntN(64, bits);
    case 'f32': u32[0] = Number(bits); return f32[0];
    case 'f64': u64[0] = bits; return f64[0];
    }
}
// V8's trap messages -> the classes driver.c prints.
function trapClass(e) {
    const m = String(e && e.message);
    if (e instanceof RangeError && /call stack/i.test(m)) return 'stack';
    if (!(e instanceof WebAssembly.RuntimeError)) return 'host:' + m.replace(/\s+/g, '_');
    if (/unreachable/.test(m)) return 'unreachable';
    if (/memory access out of bounds|out of bounds memory/.test(m)) return 'mem';
    if (/table index is out of bounds|table access|element segment|out of bounds table/.test(m)) return 'table';
    if (/null function|signature mismatch/.test(m)) return 'sig';
    if (/divide by zero|remainder by zero/.test(m)) return 'div0';
    if (/divide result unrepresentable/.test(m)) return 'ovf';
    if (/float unrepresentable/.test(m)) return 'conv';
    return 'other:' + m.replace(/\s+/g, '_');
}
// FNV-1a 32 over the whole memory (driver.c computes the same).
function memHash(buf) {
    const b = new Uint8Array(buf);
    let h = 0x811c9dc5;
    for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
    return (h >>> 0).toString(16).padStart(8, '0');
}

function runModule(file, bytes, calls, out) {
    out.push('M ' + path.basename(file));
    let inst;
    try {
        const m = new WebAssembly.Module(bytes);
        try { inst = new WebAssembly.Instance(m, {}); } catch (e) { out.push('I ' + trapClass(e)); return; }
    } catch (e) { out.push('X invalid'); return; }
    const ex = inst.exports;
    for (const c of calls) {
        const f = ex[c.name];
        try {
            const r = f(...c.args.map((a) => arg(a.t, a.bits)));
            const rs = c.results.length === 1 ? [r] : c.results.length === 0 ? [] : Array.from(r);
            out.push('C ' + c.name + ' ok' + rs.map((v, i) => ' ' + fmt(c.results[i], v)).join(''));
        } catch (e) {
            out.push('C ' + c.name + ' trap ' + trapClass(e));
        }
    }
    const globals = Object.keys(ex).filter((k) => /^g\d+$/.test(k)).sort((a, b) => a.slice(1) - b.slice(1));
    for (const g of globals) {
        const gl = ex[g];
        out.push('G ' + g + ' ' + fmt(gTypes[g], gl.value));
    }
    const mem = ex.mem;
    if (mem) out.push('H ' + mem.buffer.byteLength / 65536 + ' ' + memHash(mem.buffer));
}
let gTypes = {};

// Parse a batch: [{file, calls:[{name, args:[{t,bits}], results:[t]}], gtypes}]
function parseBatch(text, dir) {
    const mods = [];
    for (const line of text.split('\n')) {
        if (!line) continue;
        const w = line.split(' ');
        if (w[0] === 'M') mods.push({ file: path.join(dir, w[1]), calls: [], gtypes: {} });
        else if (w[0] === 'C') {
            const [nm, res, ...as] = w.slice(1);
            mods[mods.length - 1].calls.push({
                name: nm, results: res === '-' ? [] : res.split(','),
                args: as.map((a) => { const [t, bits] = a.split(':'); return { t, bits }; }),
            });
        } else if (w[0] === 'T') mods[mods.length - 1].gtypes[w[1]] = w[2];
    }
    return mods;
}

function runBatch(batchFile) {
    const mods = parseBatch(fs.readFileSync(batchFile, 'utf8'), path.dirname(batchFile));
    const out = [];
    for (const m of mods) { gTypes = m.gtypes; runModule(m.file, fs.readFileSync(m.file), m.calls, out); }
    process.stdout.write(out.join('\n') + '\n');
}

// "1-400,1299,1600" -> [1..400, 1299, 1600]
function parseSeeds(spec) {
    const out = [];
    for (const part of spec.split(',')) {
        const m = /^(\d+)-(\d+)$/.exec(part);
        if (m) for (let s = Number(m[1]); s <= Number(m[2]); s++) out.push(s);
        else if (part) out.push(Number(part));
    }
    return out;
}
function gen(dir, seeds) {
    fs.mkdirSync(dir, { recursive: true });
    const batch = [];
    for (const s of seeds) {
        const { bytes, calls, gtypes, fresults } = generate(s);
        const file = s + '.wasm';
        fs.writeFileSync(path.join(dir, file), bytes);
        batch.push('M ' + file);
        for (const [g, t] of Object.entries(gtypes)) batch.push('T ' + g + ' ' + t);
        for (const c of calls) {
            const res = fresults[c.name].map((t) => TNAME[t]);
            batch.push('C ' + c.name + ' ' + (res.length ? res.join(',') : '-') +
                c.args.map((a) => ' ' + TNAME[a.t] + ':' + hex(a.bits, a.t === 0x7f || a.t === 0x7d ? 8 : 16)).join(''));
        }
    }
    fs.writeFileSync(path.join(dir, 'batch.txt'), batch.join('\n') + '\n');
    runBatch(path.join(dir, 'batch.txt'));
}

function blocks(text) {
    const m = new Map();
    let cur = null;
    for (const line of text.split('\n')) {
        if (line.startsWith('M ')) { cur = line.slice(2); m.set(cur, []); } else if (line && cur) m.get(cur).push(line);
    }
    return m;
}
// V8 says "float unrepresentable in integer range" both for a NaN (the
// spec's "invalid conversion to integer") and for an out-of-range value
// (the spec's "integer overflow"): its `conv` matches either of ours.
function sameLine(v8, ours) {
    if (v8 === ours) return true;
    return / trap conv$/.test(v8) && ours === v8.replace(/ trap conv$/, ' trap ovf');
}
function compare(v8f, oursf, nofusef, savedir) {
    const v8 = blocks(fs.readFileSync(v8f, 'utf8'));
    const ours = blocks(fs.readFileSync(oursf, 'utf8'));
    const nof = blocks(fs.readFileSync(nofusef, 'utf8'));
    let n = 0, diffs = 0, skipped = 0;
    for (const [mod, lv] of v8) {
        n++;
        const lo = ours.get(mod) || ['<missing>'], ln = nof.get(mod) || ['<missing>'];
        const problems = [];
        if (lo.join('\n') !== ln.join('\n')) problems.push(['optimized', lo, 'BOXAGNTS_NO_FUSION=1', ln]);
        if (lo.some((l) => / fuel$/.test(l))) { if (!problems.length) { skipped++; continue; } }
        else if (lv.length !== lo.length || lv.some((l, i) => !sameLine(l, lo[i]))) problems.push(['V8', lv, 'ours', lo]);
        if (!problems.length) continue;
        diffs++;
        for (const [an, a, bn, b] of problems) {
            console.log(`DIFF ${mod}: ${an} vs ${bn}`);
            const len = Math.max(a.length, b.length);
            for (let i = 0; i < len; i++)
                if (a[i] === undefined || b[i] === undefined || !sameLine(a[i], b[i])) console.log(`    ${an.padEnd(10)} ${a[i] ?? '<none>'}\n    ${bn.padEnd(10)} ${b[i] ?? '<none>'}`);
        }
        if (savedir) {
            fs.mkdirSync(savedir, { recursive: true });
            const src = path.join(path.dirname(v8f), mod);
            if (fs.existsSync(src)) fs.copyFileSync(src, path.join(savedir, mod));
        }
    }
    console.log(`modules ${n} differences ${diffs} skipped ${skipped}`);
    process.exit(diffs ? 1 : 0);
}

const [cmd, ...a] = process.argv.slice(2);
if (cmd === 'gen') gen(a[0], a.length > 2 ? parseSeeds(a[1] + '-' + (Number(a[1]) + Number(a[2]) - 1)) : parseSeeds(a[1]));
else if (cmd === 'run') runBatch(a[0]);
else if (cmd === 'compare') compare(a[0], a[1], a[2], a[3]);
else { console.error('usage: diff.mjs gen DIR SEED0 COUNT | gen DIR SEEDLIST | run BATCH | compare V8 OURS NOFUSION [SAVEDIR]'); process.exit(2); }
