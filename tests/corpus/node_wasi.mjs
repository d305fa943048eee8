// tests/corpus/node_wasi.mjs — the independent oracle for the AssemblyScript
// programs: run a WASI command under Node's node:wasi (V8), no preopens, no
// env, stdout as is; exit with the program's exit code (a trap: 134).
//   node node_wasi.mjs FILE.wasm [ARGS...]
import { WASI } from 'node:wasi';
import fs from 'node:fs';
process.removeAllListeners('warning');
process.on('warning', () => {});
const [file, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {}, returnOnExit: true });
const mod = await WebAssembly.compile(fs.readFileSync(file));
const inst = await WebAssembly.instantiate(mod, wasi.getImportObject());
let code;
try { code = wasi.start(inst); } catch (e) { console.error('trap: ' + e.message); code = 134; }
process.exitCode = code;
