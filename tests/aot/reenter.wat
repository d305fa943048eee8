;; tests/aot/reenter.wat — host functions that call back into the guest
;; (reenter_test.c), run in both tiers: "cb" calls "work" (a loop with
;; memory accesses and calls) for each of its arguments' parts, keeping
;; host values live across the inner call.
(module
  (import "t" "cb" (func $cb (param i32 i32) (result i32)))
  (memory 1)
  (func $leaf (param i32) (result i32) (i32.add (i32.mul (local.get 0) (i32.const 7)) (i32.const 1)))
  ;; n iterations; each stores, loads back and calls; at = the address base
  (func (export "work") (param $n i32) (param $at i32) (result i32) (local $i i32) (local $s i32)
    (block $b (loop $l
      (br_if $b (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store (i32.add (local.get $at) (i32.shl (i32.and (local.get $i) (i32.const 255)) (i32.const 2)))
                 (local.get $i))
      (local.set $s (i32.add (local.get $s)
        (call $leaf (i32.load (i32.add (local.get $at) (i32.shl (i32.and (local.get $i) (i32.const 255)) (i32.const 2)))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $s))
  ;; calls out k times, each time the host calls "work" back; fuel is burnt
  ;; on both sides of every crossing
  (func (export "outer") (param $k i32) (param $n i32) (result i32) (local $j i32) (local $s i32)
    (block $b (loop $l
      (br_if $b (i32.ge_u (local.get $j) (local.get $k)))
      (local.set $s (i32.xor (i32.mul (local.get $s) (i32.const 31))
                             (call $cb (local.get $n) (i32.mul (local.get $j) (i32.const 1024)))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $l)))
    (local.get $s))
)
