// Classes with virtual methods (dynamic dispatch), recursion, objects on the GC heap.
class Shape { area(): f64 { return 0; } name(): string { return "shape"; } }
class Circle extends Shape { constructor(public r: f64) { super(); } area(): f64 { return 3.0 * this.r * this.r; } name(): string { return "circle"; } }
class Rect extends Shape { constructor(public w: f64, public h: f64) { super(); } area(): f64 { return this.w * this.h; } name(): string { return "rect"; } }
class Square extends Rect { constructor(s: f64) { super(s, s); } name(): string { return "square"; } }
function fib(n: i32): i64 { return n < 2 ? <i64>n : fib(n - 1) + fib(n - 2); }
function ack(m: i32, n: i32): i32 { return m == 0 ? n + 1 : n == 0 ? ack(m - 1, 1) : ack(m - 1, ack(m, n - 1)); }
function hanoi(n: i32): i64 { return n == 0 ? 0 : 2 * hanoi(n - 1) + 1; }
class TreeNode { left: TreeNode | null = null; right: TreeNode | null = null; constructor(public v: i32) {} }
function insert(t: TreeNode | null, v: i32): TreeNode { if (t == null) return new TreeNode(v); if (v < t.v) t.left = insert(t.left, v); else t.right = insert(t.right, v); return t; }
function depth(t: TreeNode | null): i32 { if (t == null) return 0; return 1 + max(depth(t.left), depth(t.right)); }
function inorder(t: TreeNode | null, out: Array<i32>): void { if (t == null) return; inorder(t.left, out); out.push(t.v); inorder(t.right, out); }
const shapes: Shape[] = [new Circle(1.5), new Rect(2, 3), new Square(4), new Shape()];
let total: f64 = 0;
for (let i = 0; i < shapes.length; i++) { console.log(shapes[i].name() + " " + shapes[i].area().toString()); total += shapes[i].area(); }
console.log("total " + total.toString());
console.log("fib(24) " + fib(24).toString() + " ack(2,3) " + ack(2, 3).toString() + " ack(3,3) " + ack(3, 3).toString() + " hanoi(20) " + hanoi(20).toString());
let root: TreeNode | null = null; let x: u32 = 7;
for (let i = 0; i < 200; i++) { x = x * 69069 + 1; root = insert(root, <i32>(x >> 20)); }
const out = new Array<i32>(); inorder(root, out);
console.log("tree depth " + depth(root).toString() + " size " + out.length.toString() + " min " + out[0].toString() + " max " + out[out.length - 1].toString());
