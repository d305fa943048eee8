// tests/corpus/as/build.mjs — compile every AssemblyScript program given on the
// command line in one Node process (asc's API: binaryen is loaded once).
//   node build.mjs OUTDIR file.ts...     (run with the npm prefix as cwd)
// WASI programs use @assemblyscript/wasi-shim's configuration; exports.ts
// is a plain library without imports (stub runtime, no abort), its
// functions called by `boxagnts invoke`.  A program whose .wasm files are
// newer than its source is not rebuilt.
import path from 'node:path';
import fs from 'node:fs';
import url from 'node:url';
const asc = (await import(url.pathToFileURL(path.resolve('node_modules/assemblyscript/dist/asc.js')).href)).default;
const [out, ...files] = process.argv.slice(2);
let bad = 0;
for (const f of files) {
    const n = path.basename(f, '.ts');
    for (const [opt, suffix] of [['-O2', ''], ['-O0', '.O0']]) {
        const dst = path.join(out, n + suffix + '.wasm');
        if (fs.existsSync(dst) && fs.statSync(dst).mtimeMs > fs.statSync(f).mtimeMs) continue;
        const how = n === 'exports' ? ['--runtime', 'stub', '--use', 'abort=']
            : ['--config', './node_modules/@assemblyscript/wasi-shim/asconfig.json'];
        const { error, stderr } = await asc.main([f, ...how, opt, '-o', dst]);
        if (error) { console.error(`asc ${f} ${opt}: ${error.message}\n${stderr.toString()}`); bad++; }
    }
}
process.exit(bad ? 1 : 0);
