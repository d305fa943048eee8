;; tests/aot/host.wat — a module whose host imports misbehave or re-enter
;; (guard_test.c): "poke" reads guest memory without a bounds check (a host
;; bug that must still crash), "reenter" calls back into "l_i64".
(module
  (import "t" "poke" (func $poke (param i32)))
  (import "t" "reenter" (func $re (param i32) (result i64)))
  (memory 1 2)
  (func (export "poke") (param i32) (result i64) (call $poke (local.get 0)) (i64.const 0))
  (func (export "reenter") (param i32) (result i64) (call $re (local.get 0)))
  (func (export "load") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "l_i64") (param i32) (result i64) (i64.load (local.get 0))))
