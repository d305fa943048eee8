;; The br_if sibling of br_table_value.wat: a br_if whose taken path must
;; materialise the carried values (here a return from the function, so it
;; always needs moves) used to leave them marked as written for the
;; fall-through, which then read a slot only the taken path wrote.
;; Found by reading the compiler after br_table_value; V8 is the judge.
;; call a i32
;; call b i32
;; call c i64
;; call d f64
(module
  (global $z (mut i32) (i32.const 0))
  (func (export "a") (result i32) (local i32)
    block (result i32)
      i32.const 12345 local.get 0 br_if 1 i32.const 1 i32.add
    end)
  (func (export "b") (result i32)
    block (result i32)
      i32.const 777 global.get $z br_if 1
    end
    i32.const 3 i32.mul)
  (func (export "c") (result i64) (local i32)
    block (result i64)
      i64.const 0x123456789 local.get 0 br_if 1 i64.const 2 i64.mul
    end)
  (func (export "d") (result f64) (local i32)
    block (result f64)
      f64.const 2.5 local.get 0 br_if 1 f64.const 4 f64.mul
    end))
