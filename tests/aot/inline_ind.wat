;; tests/aot/inline_ind.wat — call_indirect's inline path (prelude.h IND_OK)
;; for t_aot_inline.sh: table 0 holds a host function whose type is that of
;; this module's function 0 (so only the "same binding" test keeps the host
;; one from being taken for it), this module's functions of two types, and
;; a null slot; table 1 (always through the runtime) the same functions.
(module
  (type $w (func (param i32 i32) (result i32)))
  (type $v (func (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args (type $w)))
  (memory 1)
  (table $t 5 8 funcref)
  (table $u 5 funcref)
  (func $first (type $w) (i32.add (i32.const 777) (local.get 1)))
  (func $inc (type $v) (i32.add (local.get 0) (i32.const 1)))
  (func $many (param i64 i32 i64 i32 i64 i32) (result i64)
    (i64.add (i64.add (local.get 0) (local.get 2)) (i64.add (local.get 4)
      (i64.extend_i32_u (i32.add (local.get 1) (i32.add (local.get 3) (local.get 5)))))))
  (elem (table $t) (i32.const 0) func $args $first $inc $many)
  (elem (table $u) (i32.const 0) func $args $first $inc $many)
  ;; slot e of table 0 (1) as (i32 i32) -> i32, then argc from memory
  (func (export "w0") (param $e i32) (result i32)
    (i32.add (call_indirect $t (type $w) (i32.const 0) (i32.const 4) (local.get $e))
             (i32.mul (i32.load (i32.const 0)) (i32.const 1000))))
  (func (export "w1") (param $e i32) (result i32)
    (i32.add (call_indirect $u (type $w) (i32.const 0) (i32.const 4) (local.get $e))
             (i32.mul (i32.load (i32.const 0)) (i32.const 1000))))
  (func (export "v0") (param $e i32) (param $x i32) (result i32)
    (call_indirect $t (type $v) (local.get $x) (local.get $e)))
  (func (export "many0") (param $e i32) (result i64)
    (call_indirect $t (param i64 i32 i64 i32 i64 i32) (result i64)
      (i64.const 0x100000000) (i32.const 1) (i64.const 0x200000000) (i32.const 2) (i64.const 3) (i32.const 4)
      (local.get $e)))
  ;; table.grow moves table 0's array: calls through the new slots after it
  (func (export "growmany") (param $k i32) (result i32) (local $i i32) (local $s i32)
    (drop (table.grow $t (ref.func $inc) (i32.const 3)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
      (local.set $s (call_indirect $t (type $v) (local.get $s)
        (i32.add (i32.const 5) (i32.rem_u (local.get $i) (i32.const 3)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $s)))
