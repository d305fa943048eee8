;; tests/simd/paths.wat — v128 through every path of the compiler that is
;; not an arithmetic instruction: parameters and results of calls (direct,
;; indirect, multi-value, recursive), locals mixed with scalars, local.tee,
;; select (typed and untyped), block/loop/if parameters and results, br,
;; br_if, br_table, globals, memory at the bounds.  Each export takes and
;; returns scalars only (so Node can call it too: t_simd.sh compares the
;; two engines); v128 stays inside.
(module
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) $mix $mix2)
  (type $tmix (func (param v128 i32 v128 f64) (result v128 v128)))
  (global $g (mut v128) (v128.const i32x4 1 2 3 4))
  (global $k v128 (v128.const i64x2 0x0123456789abcdef 0x7edcba9876543210))

  ;; fold a v128 into an i64 so every lane counts
  (func $fold (param $v v128) (result i64)
    (i64.add
      (i64.mul (i64x2.extract_lane 0 (local.get $v)) (i64.const 0x9e3779b97f4a7c15))
      (i64.rotl (i64x2.extract_lane 1 (local.get $v)) (i64.const 17))))

  (func $mix (type $tmix)
    (local.get 0)
    (i32x4.add (local.get 2) (i32x4.splat (local.get 1)))
    (f64x2.replace_lane 1 (f64x2.splat (local.get 3)) (f64.const -0.5))
    (v128.xor))
  (func $mix2 (type $tmix)
    (local.get 2) (local.get 0))

  (func (export "calls") (param $a i64) (param $b i64) (param $i i32) (result i64)
    (local $x v128) (local $s i32) (local $y v128)
    (local.set $x (i64x2.replace_lane 1 (i64x2.splat (local.get $a)) (local.get $b)))
    (local.set $s (i32.const 7))
    (call $mix (local.get $x) (local.get $s) (global.get $k) (f64.const 3.25))
    (local.set $y (i64x2.sub))  ;; both results of $mix
    ;; results: two v128 on the stack, the second is dropped after folding both
    (call $fold (local.get $y))
    (call_indirect (type $tmix) (local.get $y) (local.get $s) (local.get $x) (f64.const 1)
                   (i32.and (local.get $i) (i32.const 1)))
    drop
    local.get $x
    i8x16.add
    call $fold
    i64.xor)

  (func (export "locals") (param $a i64) (result i64)
    (local $p i32) (local $v v128) (local $q i64) (local $w v128) (local $r f32)
    (local.set $p (i32.wrap_i64 (local.get $a)))
    (local.set $q (i64.const 5))
    (local.set $v (i64x2.splat (local.get $a)))
    (local.set $r (f32.const 1.5))
    ;; tee then swap through the stack
    (local.set $w (i32x4.mul (local.tee $v (i16x8.add (local.get $v) (local.get $v))) (local.get $v)))
    (local.get $w) (local.get $v)
    (local.set $w) (local.set $v)
    (i64.add
      (i64.add (call $fold (local.get $v)) (call $fold (local.get $w)))
      (i64.add (i64.extend_i32_u (local.get $p))
               (i64.add (local.get $q) (i64.trunc_f32_s (local.get $r))))))

  (func (export "sel") (param $c i32) (param $a i64) (param $b i64) (result i64)
    (local $x v128) (local $y v128)
    (local.set $x (i64x2.splat (local.get $a)))
    (local.set $y (i64x2.replace_lane 0 (i64x2.splat (local.get $b)) (local.get $a)))
    local.get $x
    local.get $y
    local.get $c
    select
    call $fold
    (i8x16.abs (local.get $y))
    local.get $x
    (i32.eqz (local.get $c))
    select (result v128)
    call $fold
    i64.add)

  (func (export "blocks") (param $n i32) (param $a i64) (result i64)
    (local $acc v128)
    (local.set $acc (i64x2.splat (local.get $a)))
    ;; a loop carrying a v128 and an i32 as block parameters
    (local.get $acc) (local.get $n)
    (loop $l (param v128 i32) (result v128 i32)
      (local.set $n)
      (i32x4.add (i32x4.splat (local.get $n)) (i8x16.popcnt))
      (local.tee $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (i32.gt_s (local.get $n) (i32.const 0))))
    (drop)
    (local.set $acc)
    ;; if with a v128 result, br out of a block with a v128
    (block $out (result v128)
      (if (result v128) (i32.and (local.get $n) (i32.const 1))
        (then (i16x8.neg (local.get $acc)))
        (else (br $out (v128.not (local.get $acc))))))
    ;; br_table with a v128 on every edge
    (block $b2 (param v128) (result v128)
      (block $b1 (param v128) (result v128)
        (block $b0 (param v128) (result v128)
          (br_table $b0 $b1 $b2 (i32.and (i32.wrap_i64 (local.get $a)) (i32.const 3))))
        (i32x4.shl (i32.const 3)))
      (i64x2.sub (global.get $k)))
    (call $fold))

  (func $deep (param $n i32) (param $v v128) (result v128)
    (if (result v128) (i32.eqz (local.get $n))
      (then (local.get $v))
      (else
        (call $deep (i32.sub (local.get $n) (i32.const 1))
          (i8x16.shuffle 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 0
            (i32x4.add (local.get $v) (i32x4.splat (local.get $n))) (local.get $v))))))
  (func (export "deep") (param $n i32) (result i64)
    (call $fold (call $deep (local.get $n) (global.get $k))))

  (func (export "globals") (param $a i64) (result i64)
    (global.set $g (i64x2.add (global.get $g) (i64x2.splat (local.get $a))))
    (global.set $g (i32x4.add (global.get $g) (global.get $k)))
    (call $fold (global.get $g)))

  ;; memory: a v128 store at $p, then lane/zero/splat loads around it
  (func (export "mem") (param $p i32) (result i64)
    (v128.store offset=3 (local.get $p) (global.get $k))
    (v128.store8_lane 15 (i32.add (local.get $p) (i32.const 1)) (global.get $g))
    (i64.xor
      (call $fold (v128.load offset=2 (local.get $p)))
      (call $fold (i32x4.add (v128.load32_zero offset=5 (local.get $p))
                             (v128.load16_splat (local.get $p))))))
)
