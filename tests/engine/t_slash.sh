#!/bin/sh
# tests/engine/t_slash.sh — issue 14 item 6: a WASI path ending in '/'
# names a directory (path_open, path_link, path_symlink, path_rename; the
# guest slash.c asserts the errnos).  Afterwards the host workspace must
# hold exactly what it held before: no stray file made under a slashed name.
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
G=$BUILD/tests/engine/slash.wasm
pass=0 fail=0
[ -f "$G" ] || { echo "$G missing (make tests)"; echo "0 passed, 1 failed"; exit 1; }
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
mkdir "$T/ws" "$T/ws/d" && printf data > "$T/ws/f" && printf outside > "$T/sibling"
out=$("$BUILD/boxagnts" run --workspace "$T/ws" --cap write:/workspace "$G" 2>&1); rc=$?
echo "$out" | grep -v '^[0-9]* passed, [0-9]* failed$'
last=$(echo "$out" | tail -1)
case $last in
    *" passed, 0 failed") pass=$((pass + ${last%% *})) ;;
    *" passed, "*) pass=$((pass + ${last%% *})); f=${last#* passed, }; fail=$((fail + ${f%% *})) ;;
    *) fail=$((fail + 1)); echo "FAIL guest did not report (exit $rc)" ;;
esac
[ "$rc" -eq 0 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL guest exit status $rc"; }
listing=$(cd "$T/ws" && find . | sort | tr '\n' ' ')
if [ "$listing" = ". ./d ./f " ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL workspace now holds: $listing"; fi
if [ "$(cat "$T/ws/f")" = data ] && [ "$(cat "$T/sibling")" = outside ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL file contents changed"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
