#!/usr/bin/env bash
# tests/component/t_abi_diff.sh — the canonical ABI against the
# specification's executable definition (definitions.py, run by python3):
# random value types (fixed seeds) and random values; layout (size,
# alignment, flattening) compared, values stored by definitions.py and
# loaded by us, stored by us and loaded by definitions.py.  See abi_diff.py.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
DEFS=${CM_DEFS:-../shared/component-model/design/mvp/canonical-abi}
fail_all() { echo "FAIL $*"; echo "0 passed, 1 failed"; exit 1; }
command -v python3 >/dev/null || fail_all "python3 is not installed"
[ -f "$DEFS/definitions.py" ] || fail_all "no definitions.py at $DEFS"
D=$BUILD/tests/component/test_component
[ -x "$D" ] || fail_all "$D not built (make tests)"
p=0 f=0
for seed in 1 2 3 4; do
    out=$(python3 tests/component/abi_diff.py "$DEFS" "$D" 400 "$seed" 2>&1)
    echo "$out" | grep '^FAIL'
    last=$(echo "$out" | tail -n 1)
    if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        p=$((p + BASH_REMATCH[1])) f=$((f + BASH_REMATCH[2]))
    else
        echo "FAIL seed $seed: $last"; f=$((f + 1))
    fi
done
echo "$p passed, $f failed"
[ $f -eq 0 ]
