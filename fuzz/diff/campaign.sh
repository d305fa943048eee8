#!/usr/bin/env bash
# fuzz/diff/campaign.sh — the long differential campaign (`make fuzz-diff`):
# batches of BATCH random modules (fuzz/diff/gen.mjs) from seed SEED0 on,
# each run in V8 and in our engine optimized and with BOXAGNTS_NO_FUSION=1,
# until SECONDS_ pass.  Every module with a difference is copied to SAVE
# (with its batch lines in SAVE/batch.txt, runnable with
# `node fuzz/diff/diff.mjs run SAVE/batch.txt` and `diffrun SAVE/batch.txt`).
# Prints one line per batch and, last, "modules N differences N skipped N
# seeds A-B".  Exit 1 when there was a difference.
#
#   campaign.sh DIFFRUN SECONDS SEED0 SAVE [BATCH]
set -uo pipefail
cd "$(dirname "$0")/../.."
RUN=$1 SECS=$2 SEED=$3 SAVE=$4 BATCH=${5:-500}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-diff.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$SAVE"
end=$(( $(date +%s) + SECS ))
first=$SEED tm=0 td=0 ts=0
while [ "$(date +%s)" -lt "$end" ]; do
    d=$WORK/b; rm -rf "$d"
    node fuzz/diff/diff.mjs gen "$d" "$SEED" "$BATCH" >"$d.v8" || { echo "diff.mjs gen failed at seed $SEED"; exit 2; }
    mv "$d.v8" "$d/v8.out"
    "$RUN" "$d/batch.txt" >"$d/ours.out" 2>/dev/null
    BOXAGNTS_NO_FUSION=1 "$RUN" "$d/batch.txt" >"$d/nofusion.out" 2>/dev/null
    out=$(node fuzz/diff/diff.mjs compare "$d/v8.out" "$d/ours.out" "$d/nofusion.out" "$SAVE")
    last=$(printf '%s\n' "$out" | tail -n 1)
    if [[ $last =~ ^modules\ ([0-9]+)\ differences\ ([0-9]+)\ skipped\ ([0-9]+)$ ]]; then
        tm=$((tm + BASH_REMATCH[1])) td=$((td + BASH_REMATCH[2])) ts=$((ts + BASH_REMATCH[3]))
    else
        echo "compare gave no summary at seed $SEED"; exit 2
    fi
    if [ "${BASH_REMATCH[2]}" -gt 0 ]; then
        printf '%s\n' "$out" | grep -v '^modules ' >>"$SAVE/differences.txt"
        for m in $(printf '%s\n' "$out" | sed -n 's/^DIFF \([0-9]*\)\.wasm:.*/\1/p' | sort -u); do
            awk -v m="M $m.wasm" '/^M /{p=($0==m)} p' "$d/batch.txt" >>"$SAVE/batch.txt"
        done
    fi
    echo "seeds $SEED-$((SEED + BATCH - 1)): $last"
    SEED=$((SEED + BATCH))
done
echo "modules $tm differences $td skipped $ts seeds $first-$((SEED - 1))"
[ $td -eq 0 ]
