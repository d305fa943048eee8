;; bench/small.wat — a small module for the instantiation benchmark:
;; one memory page with a data segment, a table with an element segment,
;; globals, a handful of functions and exports; no imports, no start.
(module
  (type $t (func (param i32) (result i32)))
  (memory (export "memory") 1 16)
  (table (export "table") 4 funcref)
  (global $counter (mut i32) (i32.const 0))
  (global $base i32 (i32.const 64))
  (data (i32.const 16) "hello, boxagnts sandbox\00")
  (elem (i32.const 0) $inc $dbl $sq $get)
  (func $inc (type $t) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $t) (i32.shl (local.get 0) (i32.const 1)))
  (func $sq (type $t) (i32.mul (local.get 0) (local.get 0)))
  (func $get (type $t) (i32.load8_u offset=16 (local.get 0)))
  (func (export "apply") (param $f i32) (param $x i32) (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (call_indirect (type $t) (local.get $x) (local.get $f)))
  (func (export "count") (result i32) (global.get $counter))
  (func (export "store") (param i32 i32)
    (i32.store (i32.add (global.get $base) (local.get 0)) (local.get 1)))
)
