// tests/nodediff/run.mjs — run one WASI preview1 module under Node's
// node:wasi, the reference side of the differential (t_node_diff.sh).
//
//   node run.mjs [--dir GUEST=HOST]... [--env NAME=VALUE]... [--stdin FILE]
//                MODULE.wasm [ARGS...]
//
// argv[0] is the module's file name, as `boxagnts run` gives it; the
// environment is exactly the --env list; stdout/stderr are the process's.
// Exit status: the guest's exit code; 121 if it trapped (boxagnts run's
// code for a trap), with the error on stderr.
import { WASI } from 'node:wasi';
import { readFileSync, openSync } from 'node:fs';
import { basename } from 'node:path';

const preopens = {}, env = {};
let stdin = 0, i = 2;
const argv = process.argv;
for (; i < argv.length && argv[i].startsWith('--'); i += 2) {
    const v = argv[i + 1] ?? '';
    const eq = v.indexOf('=');
    if (argv[i] === '--dir') preopens[v.slice(0, eq)] = v.slice(eq + 1);
    else if (argv[i] === '--env') env[v.slice(0, eq)] = v.slice(eq + 1);
    else if (argv[i] === '--stdin') stdin = openSync(v, 'r');
    else { console.error(`run.mjs: unknown option ${argv[i]}`); process.exit(2); }
}
const mod = argv[i];
const wasi = new WASI({
    version: 'preview1',
    args: [basename(mod), ...argv.slice(i + 1)],
    env, preopens, stdin, returnOnExit: true,
});
let code;
try {
    const { instance } = await WebAssembly.instantiate(readFileSync(mod), wasi.getImportObject());
    code = wasi.start(instance);
} catch (e) {
    console.error(`run.mjs: ${e && e.message}`);
    code = 121;
}
process.exitCode = code;
