#!/usr/bin/env bash
# tests/component/t_reference.sh — the Component Model's reference tests
# (../shared/component-model/test, or $CM_TESTS) through wast.py: every
# (component ...) to a binary with jco's wasm-tools parse, then decoded,
# instantiated and invoked by build/tests/component/test_component.
# Files in nyi.txt and tests/component/ref-skip.txt are skipped by name (the
# runner prints each with its reason); all others must pass every directive.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
CM_TESTS=${CM_TESTS:-../shared/component-model/test}
fail_all() { echo "FAIL $*"; echo "0 passed, 1 failed"; exit 1; }
command -v python3 >/dev/null || fail_all "python3 is not installed"
command -v node >/dev/null || fail_all "node is not installed"
[ -d "$CM_TESTS" ] || fail_all "no reference tests at $CM_TESTS"
D=$BUILD/tests/component/test_component
[ -x "$D" ] || fail_all "$D not built (make tests)"
JCO_PREFIX=$BUILD/comp-jco
API=$JCO_PREFIX/node_modules/@bytecodealliance/jco/dist/api.js
if [ ! -f "$API" ]; then
    command -v npm >/dev/null || fail_all "npm is not installed (apt-get install npm)"
    mkdir -p "$JCO_PREFIX"
    npm install --prefix "$JCO_PREFIX" --no-audit --no-fund --loglevel=error "@bytecodealliance/jco@1" \
        >"$JCO_PREFIX/npm.log" 2>&1 || { tail -n 20 "$JCO_PREFIX/npm.log"; fail_all "npm install @bytecodealliance/jco failed"; }
fi
W=$(mktemp -d)
trap 'if [ -n "${CM_KEEP:-}" ]; then find "$W" -name "*.wasm" | while read -r f; do cp "$f" "$CM_KEEP/$(echo "$f" | md5sum | cut -c1-12).wasm"; done; fi; rm -rf "$W"' EXIT
python3 tests/component/wast.py "$(realpath "$API")" "$D" "$CM_TESTS" tests/component/ref-skip.txt "$W"
