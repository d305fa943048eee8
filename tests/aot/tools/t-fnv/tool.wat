;; tests/aot/tools/t-fnv — a tiny tool for the tier wiring tests
;; (t_tier_wiring.sh): FNV-1a 32 of its whole input (the JSON text on
;; stdin), repeated 2000 times so a tier has work to do, printed as
;; {"content":"fnv=N","is_error":false}.  Small, so a C compile takes
;; well under a second.
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0..7 iovec, 8 nread, 16.. output, 1024.. input (up to 60 KiB)
  (data (i32.const 16) "{\"content\":\"fnv=")
  (func $read_all (result i32)
    (local $len i32)
    (block $done
      (loop $more
        (i32.store (i32.const 0) (i32.add (i32.const 1024) (local.get $len)))
        (i32.store (i32.const 4) (i32.sub (i32.const 61440) (local.get $len)))
        (br_if $done (i32.ne (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)) (i32.const 0)))
        (br_if $done (i32.eqz (i32.load (i32.const 8))))
        (local.set $len (i32.add (local.get $len) (i32.load (i32.const 8))))
        (br_if $more (i32.lt_u (local.get $len) (i32.const 61440)))))
    (local.get $len))
  (func $hash (param $len i32) (result i32)
    (local $h i32) (local $i i32) (local $r i32)
    (local.set $h (i32.const 0x811c9dc5))
    (loop $rep
      (local.set $i (i32.const 0))
      (block $end
        (loop $byte
          (br_if $end (i32.ge_u (local.get $i) (local.get $len)))
          (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u offset=1024 (local.get $i))) (i32.const 0x01000193)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $byte)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rep (i32.lt_u (local.get $r) (i32.const 2000))))
    (local.get $h))
  (func (export "_start")
    (local $h i32) (local $p i32) (local $q i32) (local $t i32)
    (local.set $h (call $hash (call $read_all)))
    ;; decimal digits of h, reversed into 200.., then copied after the prefix at 32
    (local.set $q (i32.const 200))
    (loop $dig
      (i32.store8 (local.get $q) (i32.add (i32.const 48) (i32.rem_u (local.get $h) (i32.const 10))))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (local.set $h (i32.div_u (local.get $h) (i32.const 10)))
      (br_if $dig (i32.ne (local.get $h) (i32.const 0))))
    (local.set $p (i32.const 32))
    (loop $cp
      (local.set $q (i32.sub (local.get $q) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.load8_u (local.get $q)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $cp (i32.gt_u (local.get $q) (i32.const 200))))
    ;; "\",\"is_error\":false}\n"
    (i64.store (local.get $p) (i64.const 0x5f7369222c22))   ;; ","is_ (6 bytes used)
    (local.set $p (i32.add (local.get $p) (i32.const 6)))
    (i64.store (local.get $p) (i64.const 0x3a22726f727265))   ;; error": (7 bytes)
    (local.set $p (i32.add (local.get $p) (i32.const 7)))
    (i64.store (local.get $p) (i64.const 0x0a7d65736c6166))   ;; false}\n (7 bytes)
    (local.set $p (i32.add (local.get $p) (i32.const 7)))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.sub (local.get $p) (i32.const 16)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
