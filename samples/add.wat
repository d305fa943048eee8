;; samples/add.wat — a tiny module with no imports, for `boxagnts invoke`.
;;   ./build/boxagnts invoke build/samples/add.wasm add 2 3          -> 5
;;   ./build/boxagnts invoke build/samples/add.wasm fib 20           -> 6765
;;   ./build/boxagnts invoke --fuel 1000 build/samples/add.wasm fib 30   -> trap: fuel exhausted
(module
  (func (export "add") (param $a i32) (param $b i32) (result i32)
    (i32.add (local.get $a) (local.get $b)))

  ;; naive recursive Fibonacci: fib(0) = 0, fib(1) = 1
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2))))))))
