;; Core modules passed into nested components, and core types that lie:
;; a nested component instantiates the module its parent gave (not the
;; module type it declared), and mismatched core signatures are refused at
;; validation, before any code runs.
(component
  (core module $M (func (export "f") (result i32) i32.const 42))
  (component $C
    (core type $MT (module (export "f" (func (result i32)))))
    (import "m" (core module $m (type $MT)))
    (core instance $i (instantiate $m))
    (func (export "g") (result u32) (canon lift (core func $i "f"))))
  (instance $c (instantiate $C (with "m" (core module $M))))
  (func (export "g") (alias export $c "g")))
(assert_return (invoke "g") (u32.const 42))

;; the module given must match the module type imported
(assert_invalid
  (component
    (core module $M (func (export "f") (result i64) i64.const 42))
    (component $C
      (core type $MT (module (export "f" (func (result i32)))))
      (import "m" (core module (type $MT))))
    (instance (instantiate $C (with "m" (core module $M)))))
  "type mismatch in export `f`")

;; a core import given a function of another type
(assert_invalid
  (component
    (core module $A (func (export "f") (param i64)))
    (core module $B (import "a" "f" (func (param i32))))
    (core instance $a (instantiate $A))
    (core instance (instantiate $B (with "a" (instance $a)))))
  "type mismatch in import `a::f`")

;; a core import missing from the instance given
(assert_invalid
  (component
    (core module $A (func (export "g")))
    (core module $B (import "a" "f" (func)))
    (core instance $a (instantiate $A))
    (core instance (instantiate $B (with "a" (instance $a)))))
  "does not export an item named `f`")

;; canon lift of a core function whose type is not the flattened one
(assert_invalid
  (component
    (core module $M (func (export "f") (param i64) (result i32) i32.const 0))
    (core instance $i (instantiate $M))
    (func (param "x" u32) (result u32) (canon lift (core func $i "f"))))
  "does not match the lowered type")

;; a realloc that is not (i32 i32 i32 i32) -> i32
(assert_invalid
  (component
    (core module $M
      (memory (export "mem") 1)
      (func (export "f") (param i32 i32))
      (func (export "realloc") (param i32 i32) (result i32) i32.const 0))
    (core instance $i (instantiate $M))
    (func (param "s" string)
      (canon lift (core func $i "f") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))
  "incorrect signature")

;; a core export alias of a name the instance does not export
(assert_invalid
  (component
    (core module $M (func (export "f")))
    (core instance $i (instantiate $M))
    (alias core export $i "nope" (core func)))
  "has no export named `nope`")
