// tests/component/http/embed.mjs — a core module + world.wit -> a component
// with jco's wit-component (componentEmbed + componentNew with the preview1
// command adapter), through jco's JavaScript API: `jco embed --wit DIR`
// panics here on reading the directory, so the WIT of wasi 0.2.12 that jco
// ships is given as one source, each package in its nested form.
//   node embed.mjs JCO_DIR CORE.wasm WORLD.wit OUT.wasm
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
const [jcoDir, core, world, out] = process.argv.slice(2);
const api = await import(pathToFileURL(resolve(jcoDir, "dist/api.js")).href);
// the guest's imports name @0.2.12; another jco 1.x may ship another 0.2.x,
// whose packages are then renamed (0.2.x releases only add @since items)
const root = join(jcoDir, "lib/wit/builtin");
const vers = readdirSync(root).filter((d) => /^0\.2\.\d+$/.test(d)).sort((a, b) => a.split(".")[2] - b.split(".")[2]);
const ver = vers.includes("0.2.12") ? "0.2.12" : vers[vers.length - 1];
const builtin = join(root, ver);
let src = readFileSync(world, "utf8");
for (const d of readdirSync(builtin)) {
  const t = readFileSync(join(builtin, d, "package.wit"), "utf8").replaceAll("@" + ver, "@0.2.12");
  const m = t.match(/^package ([^;]+);/m);
  src += `\npackage ${m[1]} {\n` + t.replace(m[0], "") + "\n}\n";
}
const embedded = await api.componentEmbed({ binary: readFileSync(core), witSource: src, worldName: "guest" });
writeFileSync(out, await api.componentNew(embedded, [["wasi_snapshot_preview1", readFileSync(join(jcoDir, "lib/wasi_snapshot_preview1.command.wasm"))]]));
