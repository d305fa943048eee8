;; tests/confine/raw.wat — the guest of the compromise tests: it calls the
;; test-only import test:raw.go once, which performs, inside the worker,
;; the raw operation rawrun was told to (as an engine exploit would).
(module
  (import "test:raw" "go" (func $go (result i32)))
  (memory (export "memory") 1)
  (func (export "_start") (drop (call $go))))
