;; Type names and resource generativity (Explainer: external visibility,
;; resource types): a handle made by a child instance for its exported
;; resource travels through the parent and back; a resource exported under a
;; new name is still the same resource at run time; one instance's handle is
;; refused (statically) by another instance's function.
(component
  (component $C
    (type $R (resource (rep i32)))
    (core func $new (canon resource.new $R))
    (core module $M
      (import "" "new" (func $new (param i32) (result i32)))
      (func (export "mk") (param i32) (result i32) (call $new (local.get 0)))
      ;; a borrow of its own resource reaches the implementer as the rep
      (func (export "get") (param i32) (result i32) (local.get 0)))
    (core instance $i (instantiate $M (with "" (instance (export "new" (func $new))))))
    (export $R' "r" (type $R))
    (func (export "mk") (param "x" u32) (result (own $R')) (canon lift (core func $i "mk")))
    (func (export "get") (param "h" (borrow $R')) (result u32) (canon lift (core func $i "get"))))
  (instance $c1 (instantiate $C))
  (instance $c2 (instantiate $C))
  (alias export $c1 "r" (type $R1))
  (core func $mk1 (canon lower (func $c1 "mk")))
  (core func $get1 (canon lower (func $c1 "get")))
  (core func $mk2 (canon lower (func $c2 "mk")))
  (core func $get2 (canon lower (func $c2 "get")))
  (core module $P
    (import "" "mk1" (func $mk1 (param i32) (result i32)))
    (import "" "get1" (func $get1 (param i32) (result i32)))
    (import "" "mk2" (func $mk2 (param i32) (result i32)))
    (import "" "get2" (func $get2 (param i32) (result i32)))
    (func (export "run1") (param i32) (result i32) (call $get1 (call $mk1 (local.get 0))))
    (func (export "run2") (param i32) (result i32) (call $get2 (call $mk2 (local.get 0))))
    ;; c1's handle given to c2's function: a different resource type
    (func (export "cross") (param i32) (result i32) (call $get2 (call $mk1 (local.get 0)))))
  (core instance $p (instantiate $P (with "" (instance
    (export "mk1" (func $mk1)) (export "get1" (func $get1))
    (export "mk2" (func $mk2)) (export "get2" (func $get2))))))
  (func (export "run1") (param "x" u32) (result u32) (canon lift (core func $p "run1")))
  (func (export "run2") (param "x" u32) (result u32) (canon lift (core func $p "run2")))
  (func (export "cross") (param "x" u32) (result u32) (canon lift (core func $p "cross"))))
(assert_return (invoke "run1" (u32.const 42)) (u32.const 42))
(assert_return (invoke "run2" (u32.const 7)) (u32.const 7))
(assert_return (invoke "run1" (u32.const 43)) (u32.const 43))
;; last: a trap leaves the instance unusable
(assert_trap (invoke "cross" (u32.const 5)) "not of the expected resource type")

;; statically: c1's resource where c2's is expected
(assert_invalid
  (component
    (component $C
      (type $R (resource (rep i32)))
      (export $R' "r" (type $R))
      (core func $drop (canon resource.drop $R))
      (func (export "f") (param "x" (own $R')) (canon lift (core func $drop))))
    (instance $c1 (instantiate $C))
    (instance $c2 (instantiate $C))
    (alias export $c1 "f" (func $f1))
    (alias export $c2 "r" (type $R2))
    (component $D
      (import "r" (type $R (sub resource)))
      (import "f" (func (param "x" (own $R)))))
    (instance (instantiate $D (with "r" (type $R2)) (with "f" (func $f1)))))
  "resource types are not the same")

;; an exported function may not mention a type that has no name outside
(assert_invalid
  (component
    (core module $m (func (export "f") (result i32) unreachable))
    (core instance $i (instantiate $m))
    (type $R (resource (rep i32)))
    (func $f (result (own $R)) (canon lift (core func $i "f")))
    (export "f" (func $f)))
  "func not valid to be used as export")
