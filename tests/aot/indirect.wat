;; tests/aot/indirect.wat — call_indirect in the compiled tier (t_indirect_aot.sh):
;; the table holds functions of this module under two structurally equal type
;; indices, a host function (a WASI import), a null slot, and slots written at
;; run time by table.set and table.grow.
(module
  (type $a (func (param i32) (result i32)))
  (type $b (func (param i32) (result i32)))         ;; the same type as $a
  (type $w (func (param i32 i32) (result i32)))     ;; args_sizes_get's
  (type $l (func (param i64) (result i64)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args (type $w)))
  (memory 1)
  (table $t 6 16 funcref)
  (elem (table $t) (i32.const 0) func $inc $dbl $args $rec)
  ;; slot 4: null; slot 5: null until set_then_call
  (func $inc (type $a) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $b) (i32.mul (local.get 0) (i32.const 2)))
  (func $neg (type $a) (i32.sub (i32.const 0) (local.get 0)))
  (func $rec (type $a) (call_indirect $t (type $a) (local.get 0) (i32.const 3)))
  (func $wide (type $l) (i64.add (local.get 0) (i64.const 1)))
  (func (export "ind_a") (param i32 i32) (result i32)
    (call_indirect $t (type $a) (local.get 1) (local.get 0)))
  (func (export "ind_b") (param i32 i32) (result i32)
    (call_indirect $t (type $b) (local.get 1) (local.get 0)))
  (func (export "ind_l") (param i32) (result i64)
    (call_indirect $t (type $l) (i64.const 7) (local.get 0)))
  ;; the host function through the table: argc and the argv bytes at 0 and 4
  (func (export "ind_host") (result i32)
    (drop (call_indirect $t (type $w) (i32.const 0) (i32.const 4) (i32.const 2)))
    (i32.load (i32.const 0)))
  ;; n calls alternating slots 0 and 1: fuel is charged as in the interpreter
  (func (export "loop") (param i32) (result i32) (local i32)
    (block $d (loop $l
      (br_if $d (i32.eqz (local.get 0)))
      (local.set 1 (call_indirect $t (type $a) (local.get 1) (i32.and (local.get 0) (i32.const 1))))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br $l)))
    (local.get 1))
  (func (export "rec") (param i32) (result i32)
    (call_indirect $t (type $a) (local.get 0) (i32.const 3)))
  (func (export "set_then_call") (param i32) (result i32)
    (table.set $t (i32.const 5) (ref.func $neg))
    (call_indirect $t (type $a) (local.get 0) (i32.const 5)))
  (func (export "grow_then_call") (param i32) (result i32)
    (drop (table.grow $t (ref.func $dbl) (i32.const 3)))
    (call_indirect $t (type $b) (local.get 0) (i32.sub (table.size $t) (i32.const 1))))
  (func (export "spin") (result i32) (local i32)
    (loop $l
      (local.set 0 (call_indirect $t (type $a) (local.get 0) (i32.const 0)))
      (br $l))
    (local.get 0))
  (elem declare func $neg $wide)
)
