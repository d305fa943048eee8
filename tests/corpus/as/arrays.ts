// Arrays: push, sort with comparators (indirect calls), map/filter/reduce with closures-free callbacks, typed arrays.
const a = new Array<i32>();
let x: u32 = 12345;
for (let i = 0; i < 50; i++) { x = x * 1103515245 + 12345; a.push(<i32>((x >> 16) % 1000)); }
const up = a.slice(0); up.sort((p: i32, q: i32): i32 => p - q);
const down = a.slice(0); down.sort((p: i32, q: i32): i32 => q - p);
console.log("up " + up.slice(0, 10).join(" "));
console.log("down " + down.slice(0, 10).join(" "));
const evens = a.filter((v: i32): bool => (v & 1) == 0);
const sum = a.reduce<i64>((acc: i64, v: i32): i64 => acc + <i64>v, 0);
const sq = a.map<f64>((v: i32): f64 => Math.sqrt(<f64>v));
console.log("evens " + evens.length.toString() + " sum " + sum.toString() + " sqrt0 " + sq[0].toString());
console.log("includes 0? " + a.includes(0).toString() + " indexOf max " + a.indexOf(up[up.length - 1]).toString());
const t = new Float64Array(8);
for (let i = 0; i < 8; i++) t[i] = <f64>i * 1.5 - 3.0;
let s = "";
for (let i = 0; i < t.length; i++) s += t[i].toString() + ";";
console.log(s);
const bs = new Uint8Array(10); for (let i = 0; i < 10; i++) bs[i] = <u8>(i * 100);
console.log(bs.join(","));
const nested: Array<Array<i32>> = [[1, 2], [3], [], [4, 5, 6]];
let flat = 0; for (let i = 0; i < nested.length; i++) for (let j = 0; j < nested[i].length; j++) flat += nested[i][j];
console.log("nested " + flat.toString() + " reversed " + [1, 2, 3].reverse().join(""));
