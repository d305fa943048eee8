// console.log formatting of values (util.inspect rules).
class Point { constructor(x, y) { this.x = x; this.y = y; } }
class Empty {}
class Animal { constructor(n) { this.name = n; } }
class Dog extends Animal { constructor(n) { super(n); this.tricks = ['sit', 'roll']; } }
const sym = Symbol('tag');
const cases = [
  'plain string', 42, -0, 1.5e300, NaN, -Infinity, 10n, true, null, undefined, Symbol('s'),
  [], {}, [1, 2, 3], { a: 1, b: 'two', c: [3, 4], d: { e: null } },
  ['str', "it's", 'say "hi"', 'both \' and "', 'line\nbreak', 'tab\tx', '\u0001ctl', 'back\\slash'],
  { 'key with space': 1, valid_id: 2, 'dash-key': 3, 42: 'num', [sym]: 'symval' },
  { nested: { level1: { level2: { level3: { level4: 'deep' } } } } },
  [[1, [2, [3, [4, [5]]]]]],
  new Point(1, 2), new Empty(), new Dog('rex'),
  Object.create(null), Object.assign(Object.create(null), { a: 1 }),
  new Map([['a', 1], ['b', { c: 2 }]]), new Set(['x', 'y', 3]), new Map(), new Set(),
  new Map([[{ k: 1 }, new Set([1])]]),
  [undefined, null, , 4], new Array(5), [1, , , 4, , ],
  Array.from({ length: 30 }, (_, i) => i * 3),
  Array.from({ length: 120 }, (_, i) => i),
  Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat(i % 4 + 1)),
  Array.from({ length: 8 }, (_, i) => ({ id: i })),
  { long: 'x'.repeat(100) },
  'y'.repeat(200),
  { list: Array.from({ length: 10 }, (_, i) => ({ id: i, name: 'item' + i })) },
  function named() {}, () => {}, async function af() {}, function* gf() {}, async function* agf() {},
  class Foo {}, class Bar extends Point {}, Math.max, Object.assign(function withProps() {}, { p: 1 }),
  new Date(86400000), new Date(NaN), /ab+c/gi, new RegExp('a/b', 'm'),
  new Number(3), new String('boxed'), new Boolean(false), Object(5n),
  new Uint8Array([1, 2, 3]), new Float64Array(2), new Int16Array(0), new BigInt64Array([1n, -1n]),
  new ArrayBuffer(4), new DataView(new ArrayBuffer(2)),
  new WeakMap(), new WeakSet(),
  Promise.resolve(7), Promise.resolve({ a: [1] }), new Promise(() => {}),
  { get g() { return 1; }, set s(v) {}, get gs() { return 1; }, set gs(v) {} },
  { fn() {}, arrow: () => 1, klass: class {} },
  [new Map([[1, [1, 2]]]), new Set([[1, { a: 1 }]])],
  { a: { b: { c: {} } } }, { a: { b: { c: { d: 1 } } } }, { a: [{ b: { c: 1 } }] },
  { arr: [[[[1]]]] },
  Object.assign([1, 2], { extra: true }),
  { 'a\nb': 1, '': 2 },
  (function () { return arguments; })(1, 'two'),
  [1.0, 2.5, -3, 1e21, 1e-7],
  { und: undefined, nul: null, nan: NaN },
  Array.from({ length: 7 }, (_, i) => 'w' + i),
  [1n, 22n, 333n, 4444n, 55555n, 666666n, 7777777n],
];
for (const v of cases) console.log(v);
const circ = { name: 'root', kids: [] }; circ.self = circ; circ.kids.push({ parent: circ });
console.log(circ);
const a1 = [1]; a1.push(a1); console.log(a1);
console.log('%s is %d years and %i days, %f', 'Bob', 42.5, 3.9, '1.25', 'extra', { x: 1 });
console.log('%j %O %% %c|', { j: [1] }, { o: { p: { q: { r: 1 } } } }, 'color: red');
console.log('%s', { a: 1 }, '%s', [1, [2]], 5n, Symbol('x'));
console.log('no placeholders', 1, 'two', [3], { four: 4 });
console.log('%d%%', 50, '%s', null, undefined);
console.log();
console.log('');
console.info('info'), console.warn('warn'), console.error('error', 1), console.debug('debug');
console.log({ toString() { return 'custom'; } }, `${{ toString() { return 'tpl'; } }}`);
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: null });
console.assert(1 === 1, 'not shown');
console.assert(false, 'shown %s', 'formatted');
console.assert(false);
console.count(); console.count(); console.count('x'); console.countReset(); console.count();
console.group('Group A'); console.log('inside'); console.group(); console.log({ a: 1, b: 2 }); console.groupEnd(); console.groupEnd(); console.log('outside');
const e = new Error('plain'); console.log(e.message, e.name, String(e), e instanceof Error);
class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; this.code = 'E1'; } }
const me = new MyError('custom'); console.log(me.name, me.code, me.message, String(me));
console.log(util());
function util() { return require('util').format('%s=%d', 'x', 5) + ' ' + require('util').inspect({ a: [1, 2] }); }
