;; issue 14: `i32.const 0; global.get; i32.add` gave 0 (the identity fold
;; x+0 applied to the wrong operand after a commutative swap).  LLVM emits
;; this shape for every function-pointer relocation.  Expected: 1 and 8.
;; call f i32
;; call g i64
;; call h i32
(module
  (global $g i32 (i32.const 1))
  (global $m (mut i64) (i64.const 8))
  (global $x (mut i32) (i32.const 3))
  (func (export "f") (result i32) i32.const 0 global.get $g i32.add)
  (func (export "g") (result i64) i64.const 0 global.get $m i64.add)
  ;; padded encoding of the 0 (5 bytes), as wasm-ld leaves relocations
  (func (export "h") (result i32) i32.const 0 global.get $x i32.or))
