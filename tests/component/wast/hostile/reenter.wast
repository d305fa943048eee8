;; Reentrance: a core function calling (through a table) the lowered form of
;; its own instance's lifted export must trap, not recurse.
(component
  (core module $M
    (table (export "t") 1 funcref)
    (type $ft (func))
    (func (export "f") (call_indirect (type $ft) (i32.const 0)))
    (func (export "g") (result i32) (i32.const 5)))
  (core instance $m (instantiate $M))
  (func $f (canon lift (core func $m "f")))
  (core func $lf (canon lower (func $f)))
  (core module $Set
    (import "" "t" (table 1 funcref))
    (import "" "lf" (func $lf))
    (elem (i32.const 0) func $lf))
  (core instance (instantiate $Set (with "" (instance (export "t" (table $m "t")) (export "lf" (func $lf))))))
  (func (export "g") (result u32) (canon lift (core func $m "g")))
  (export "f" (func $f))
)
(assert_return (invoke "g") (u32.const 5))
(assert_trap (invoke "f") "reentrance")
