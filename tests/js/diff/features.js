// ES2020+ language features; output compared with node.
class Counter {
  #count = 0;
  static #instances = 0;
  constructor() { Counter.#instances++; }
  inc() { return ++this.#count; }
  get value() { return this.#count; }
  static get instances() { return Counter.#instances; }
  #secret() { return 'hidden'; }
  reveal() { return this.#secret(); }
  static isCounter(o) { return #count in o; }
}
const c = new Counter(); c.inc(); c.inc();
console.log(c.value, Counter.instances, c.reveal(), Counter.isCounter(c), Counter.isCounter({}));

function* fib() { let [a, b] = [0, 1]; for (;;) { yield a; [a, b] = [b, a + b]; } }
const first = []; for (const x of fib()) { if (first.length >= 10) break; first.push(x); }
console.log(first.join(','));

const { a, b: { c: deep = 'dflt' } = {}, ...rest } = { a: 1, b: {}, x: 2, y: 3 };
console.log(a, deep, JSON.stringify(rest));
const [p, , q = 9, ...others] = [1, 2, undefined, 4, 5];
console.log(p, q, others.length);

const merged = { ...{ k: 1 }, ...{ k: 2, m: 3 } };
console.log(Math.max(...[3, 7, 5]), merged.k, merged.m, [...'héllo'].length);

const who = 'world', n = 3;
console.log(`hello ${who}, ${n * 2} times ${`nested ${n}`}`);
const tag = (s, ...v) => s.raw.join('|') + v.join(',');
console.log(tag`a${1}b${2}c\n`);

const o = { deep: { fn: () => 42 } };
console.log(o?.deep?.fn?.(), o?.missing?.x, o.missing?.[0], null ?? 'nullish', 0 ?? 'zero', 0 || 'or');
let la = null; la ??= 5; let lb = 1; lb &&= 7; let lc = 0; lc ||= 8;
console.log(la, lb, lc);

const big = 2n ** 100n;
console.log(String(big), typeof big, BigInt.asUintN(8, 257n) === 1n, (big % 97n).toString());
console.log(123456789012345678901234567890n * 3n + '');

const m = new Map([['one', 1], ['two', 2]]);
m.set('three', 3);
const s = new Set([1, 2, 2, 3]);
console.log(m.size, [...m.keys()].join(), m.get('two'), s.size, s.has(2), [...s].reverse().join());
const wm = new WeakMap(); const key = {}; wm.set(key, 'v'); console.log(wm.get(key));

const json = JSON.stringify({ z: [1, { y: null }], s: 'q"uote', d: new Date(0), u: undefined }, null, 2);
console.log(json);
console.log(JSON.parse('{"x":[1,2,{"y":"z"}]}', (k, v) => typeof v === 'number' ? v * 10 : v).x[1]);

const re = /(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})/u;
const { groups: { year, month, day } } = '2024-03-15'.match(re);
console.log(year, month, day, '2024-03-15'.replace(re, '$<day>/$<month>/$<year>'));
console.log([...'a1b2c3'.matchAll(/[a-z](\d)/g)].map((x) => x[1]).join(''), /(?<=\$)\d+/.exec('cost $42')[0]);
console.log('x'.padStart(3, '-'), ' t '.trimEnd() + '|', 'abc'.at(-1), 'a-b-c'.replaceAll('-', '+'));

const d = new Date(Date.UTC(2020, 1, 29, 12, 30, 45, 123));
console.log(d.toISOString(), d.getUTCDay(), d.getTime(), new Date('2021-01-01T00:00:00Z').valueOf());
console.log(JSON.stringify(d), Date.UTC(1970, 0, 1));

console.log([1, [2, [3, [4]]]].flat(Infinity).join(), [3, 1, 2].toSorted?.().join() ?? 'n/a',
  Object.fromEntries([['a', 1]]).a, Object.entries({ x: 1, y: 2 }).flat().join(), [1, 2, 3].findLast((x) => x < 3));
console.log(Number.isInteger(5.0), (0.1 + 0.2).toFixed(2), Math.trunc(-4.7), 2 ** 10, 7 % -3, 1 / 3);
console.log(parseInt('ff', 16), (255).toString(2), Number('0x1f'), 1e21, 123.456e-10, -0 === 0, Object.is(-0, 0));
label: for (const i of [1, 2]) { for (const j of [1, 2]) { if (j === 2) continue label; console.log(i, j); } }
try { null.x; } catch ({ name, message }) { console.log(name); }
console.log(typeof globalThis, typeof Symbol.iterator, Symbol('desc').description);
console.log(Array.from({ length: 3 }, (_, i) => i * i), structuredCloneCheck());
function structuredCloneCheck() { return typeof Reflect.ownKeys; }
