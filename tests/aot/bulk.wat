;; tests/aot/bulk.wat — memory.copy and memory.fill for t_aot_bulk.sh: the
;; compiled tier's inline form (prelude.h MEMORY_COPY_F / MEMORY_FILL_F) and
;; its fall-back to the runtime, against the interpreter.  Every export
;; fills memory with a pattern first and returns a checksum of all of it,
;; so a byte moved wrong, too far or not at all changes the result.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory 1 4)
  (func $init (local $i i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (i32.mul (memory.size) (i32.const 65536))))
      (i32.store (local.get $i) (i32.mul (i32.add (local.get $i) (i32.const 7)) (i32.const 0x9E3779B1)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $l))))
  (func $sum (result i64) (local $i i32) (local $h i64)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (i32.mul (memory.size) (i32.const 65536))))
      (local.set $h (i64.add (i64.rotl (local.get $h) (i64.const 5)) (i64.load (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 8)))
      (br $l)))
    (local.get $h))
  ;; one copy or fill of the caller's choosing
  (func (export "copy") (param $d i32) (param $s i32) (param $n i32) (result i64)
    (call $init)
    (memory.copy (local.get $d) (local.get $s) (local.get $n))
    (call $sum))
  (func (export "fill") (param $d i32) (param $v i32) (param $n i32) (result i64)
    (call $init)
    (memory.fill (local.get $d) (local.get $v) (local.get $n))
    (call $sum))
  ;; k copies of n bytes, each one byte further: the fuel runs out at one of
  ;; them, or in the loop around them
  (func (export "copyloop") (param $k i32) (param $n i32) (result i64) (local $i i32)
    (call $init)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $k)))
      (memory.copy (i32.and (local.get $i) (i32.const 1023)) (i32.const 1024) (local.get $n))
      (memory.fill (i32.add (i32.const 2048) (i32.and (local.get $i) (i32.const 511))) (local.get $i) (local.get $n))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (call $sum))
  ;; memory.grow, then a copy and a fill into the new page's last bytes: the
  ;; size the inline check compares with must be the grown one
  (func (export "growcopy") (param $n i32) (result i64) (local $top i32)
    (call $init)
    (drop (memory.grow (i32.const 1)))
    (local.set $top (i32.mul (memory.size) (i32.const 65536)))
    (memory.copy (i32.sub (local.get $top) (local.get $n)) (i32.const 100) (local.get $n))
    (memory.fill (i32.sub (i32.const 131072) (local.get $n)) (i32.const 0xAB) (local.get $n))
    (call $sum))
  ;; a copy then, in the same block (no label between: no fuel charge), a
  ;; write of the copied bytes to stdout: when the copy's charge exhausts
  ;; the fuel, nothing may be written
  (func (export "copyprint") (param $n i32) (result i32)
    (call $init)
    (i32.store (i32.const 0) (i32.const 4096))
    (i32.store (i32.const 4) (i32.const 16))
    (memory.copy (i32.const 4096) (i32.const 8192) (local.get $n))
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
  ;; the same for a fill
  (func (export "fillprint") (param $n i32) (result i32)
    (call $init)
    (i32.store (i32.const 0) (i32.const 4096))
    (i32.store (i32.const 4) (i32.const 16))
    (memory.fill (i32.const 4096) (i32.const 0x41) (local.get $n))
    (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
  ;; a copy (fill) then, in the same block, a load at $a (out of bounds for
  ;; a >= 65533): when the charge exhausts the fuel, the load's trap must
  ;; not be what is reported
  (func (export "copytrap") (param $n i32) (param $a i32) (result i32)
    (call $init)
    (memory.copy (i32.const 4096) (i32.const 8192) (local.get $n))
    (i32.load (local.get $a)))
  (func (export "filltrap") (param $n i32) (param $a i32) (result i32)
    (call $init)
    (memory.fill (i32.const 4096) (i32.const 0x41) (local.get $n))
    (i32.load (local.get $a))))
