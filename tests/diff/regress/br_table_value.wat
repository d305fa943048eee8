;; Found by fuzz-diff (seeds 1600 1689 2723 2778 2882 of 1-3000, and in
;; a campaign) on the engine with the fix for const0_global_add:
;; a br_table carrying a constant, whose index is not a constant, and whose
;; targets mix labels (here the block and the function), delivers 0 instead
;; of the constant when it lands on the block (`br_table 1 0` taken to 0);
;; all targets equal, or a non-constant value, are right.  V8 and
;; BOXAGNTS_NO_FUSION=1 give 32.  Expected (by the spec): 32 for each.
;; call a i32
;; call b i32
;; call c i32
;; call d i64
(module
  (table 2 6 externref)
  (global $g (mut i32) (i32.const 2))
  (func (export "a") (result i32) (local i32)
    (local.set 0 (i32.const 2))
    block (result i32)
      i32.const 32 local.get 0 br_table 1 0 0 0 1
    end)
  (func (export "b") (result i32)
    block (result i32)
      i32.const 32 global.get $g br_table 1 0 0 0 1
    end)
  (func (export "c") (result i32)
    block (result i32)
      i32.const 32 ref.null extern i32.const 0 table.grow 0 br_table 1 0 0 0 1
    end)
  (func (export "d") (result i64)
    block (result i64)
      i64.const 32 global.get $g br_table 1 0 0
    end))
