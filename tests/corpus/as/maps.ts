// Map and Set: word counts, keys sorted for output, deletion, Set algebra.
const text = "one two three two three three four four four four five";
const m = new Map<string, i32>();
const ws = text.split(" ");
for (let i = 0; i < ws.length; i++) { const w = ws[i]; m.set(w, m.has(w) ? m.get(w) + 1 : 1); }
const keys = m.keys(); keys.sort();
let out = "";
for (let i = 0; i < keys.length; i++) out += keys[i] + "=" + m.get(keys[i]).toString() + " ";
console.log(out);
m.delete("four");
console.log("size " + m.size.toString() + " has four " + m.has("four").toString());
const a = new Set<i32>(), b = new Set<i32>();
for (let i = 0; i < 60; i++) { if (i % 3 == 0) a.add(i); if (i % 4 == 0) b.add(i); }
const both = new Array<i32>();
const av = a.values();
for (let i = 0; i < av.length; i++) if (b.has(av[i])) both.push(av[i]);
both.sort();
console.log("both " + both.join(","));
const big = new Map<i32, i64>();
for (let i = 0; i < 5000; i++) big.set(i * 7 % 1009, <i64>i * i);
let total: i64 = 0; const vs = big.values(); for (let i = 0; i < vs.length; i++) total += vs[i];
console.log("big " + big.size.toString() + " total " + total.toString());
