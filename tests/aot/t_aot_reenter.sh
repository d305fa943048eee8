#!/usr/bin/env bash
# tests/aot/t_aot_reenter.sh — reenter_test: host functions that call back
# into the guest, compiled tier against the interpreter (trap, result, fuel
# used; the host's own values intact across the inner calls).
# Last line: "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
T=$BUILD/tests/aot/reenter
R=$BUILD/tests/aot/reenter_test
command -v wat2wasm >/dev/null || { echo "wat2wasm missing"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
[ -x "$R" ] || { echo "FAIL $R not built (make tests)"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
rm -rf "$T" && mkdir -p "$T/cache"
wat2wasm tests/aot/reenter.wat -o "$T/reenter.wasm" || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
"$R" "$T/reenter.wasm" "$T/cache"
