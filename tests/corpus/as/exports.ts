// Exported functions called one by one (`boxagnts invoke FILE NAME ARGS`); the expected
// values are worked out by hand in tests/corpus/t_corpus.sh (gcd, fib, popcount, collatz...).
export function gcd(a: i32, b: i32): i32 { while (b != 0) { const t = a % b; a = b; b = t; } return a; }
export function fib(n: i32): i64 { let a: i64 = 0, b: i64 = 1; for (let i = 0; i < n; i++) { const t = a + b; a = b; b = t; } return a; }
export function collatz(n: i64): i32 { let steps = 0; while (n != 1) { n = (n & 1) ? 3 * n + 1 : n >> 1; steps++; } return steps; }
export function bits(x: u32): i32 { return <i32>popcnt(x) * 100 + <i32>clz(x) * 10 + <i32>(ctz(x) % 10); }
export function hyp(a: f64, b: f64): f64 { return Math.sqrt(a * a + b * b); }
export function strlen_utf8(n: i32): i32 { let s = ""; for (let i = 0; i < n; i++) s += "é"; return String.UTF8.byteLength(s); }
