#!/usr/bin/env bash
# tests/aot/t_tools_aot.sh — the built-in tools in the compiled tier.
#
# Every built-in tool must compile (`boxagnts tool precompile` into a
# private cache: a translator change that the C compiler rejects on a real
# program fails here, as an asm constraint on byte loads once did on
# js-execute's QuickJS, silently sending it back to the interpreter), each
# must then really run compiled (`"tier":"aot"` in its record), and the
# suites of js-execute, bash and the file tools, whose expected values come
# from Node, GNU bash and Python, must pass with BOXAGNTS_TIER=auto against
# that cache (auto: a call takes the cached object and never compiles).
# Last line: "N passed, N failed".
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
B=$BUILD/boxagnts
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
if [ ! -x "$B" ] || [ ! -f "$BUILD/tools/js-execute/tool.wasm" ]; then
    echo "t_tools_aot.sh: build first (make)"
    echo "0 passed, 1 failed"
    exit 1
fi
if ! command -v "${BOXAGNTS_AOT_CC:-cc}" >/dev/null 2>&1; then
    echo "t_tools_aot.sh: no C compiler: the compiled tier cannot be tested"
    echo "0 passed, 1 failed"
    exit 1
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/bx-toolsaot.XXXXXX")
trap 'rm -rf "$T"' EXIT
C=$T/cache
mkdir -p "$C" "$T/ws"
export BOXAGNTS_TOOLS_PATH=""

# 1. Every tool compiles: js-execute (the largest) beside the others, two
#    compilers at a time.
mapfile -t TOOLS < <(ls "$BUILD/tools")
others=()
for t in "${TOOLS[@]}"; do [ "$t" = js-execute ] || others+=("$t"); done
"$B" tool precompile --cache-dir "$C" js-execute > "$T/pc1.out" 2>&1 &
p1=$!
"$B" tool precompile --cache-dir "$C" "${others[@]}" > "$T/pc2.out" 2>&1
wait "$p1"
for t in "${TOOLS[@]}"; do
    line=$(grep -h "^$t " "$T/pc1.out" "$T/pc2.out" | head -1)
    case $line in
    *" ready in "*) ok ;;
    *) bad "tool precompile $t: ${line:-no line}"; sed -n 1,5p "$T/pc1.out" "$T/pc2.out" | cut -c1-300 ;;
    esac
done
[ "${#TOOLS[@]}" -ge 7 ] && ok || bad "expected at least the 7 built-in tools, found ${#TOOLS[@]}"

# 2. Each really runs compiled, and gives what the interpreter gives.
echo 'hello from the workspace' > "$T/ws/a.txt"
declare -A IN=(
    [bash]='{"command":"echo $((6*7)); cat a.txt | tr a-z A-Z"}'
    [file-read]='{"file_path":"a.txt"}'
    [file-glob]='{"pattern":"*.txt"}'
    [file-write]='{"file_path":"b.txt","content":"x\n"}'
    [file-edit]='{"file_path":"a.txt","old_string":"hello","new_string":"hi"}'
    [js-execute]='{"code":"console.log(JSON.stringify([1,2,3].map(x=>x*x)), /a(b+)c/.exec(\"xabbbc\")[1])"}'
)
for t in "${!IN[@]}"; do
    for tier in interp auto; do
        rm -rf "$T/w-$tier" && mkdir -p "$T/w-$tier" && cp "$T/ws/a.txt" "$T/w-$tier/"
        "$B" call "$t" --cache-dir "$C" --tier $tier --workspace "$T/w-$tier" \
            "${IN[$t]}" > "$T/$t.$tier.json" 2> "$T/$t.$tier.err"
    done
    if python3 - "$T/$t.interp.json" "$T/$t.auto.json" "$T/w-interp" "$T/w-auto" <<'PY'
import json, sys, os
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
assert b.get("tier") == "aot", ("compiled tier not used", b.get("tier"), b.get("tier_reason"))
assert a.get("tier") == "interp", a.get("tier")
for k in ("content", "is_error"):
    assert a.get(k) == b.get(k), (k, a.get(k), b.get(k))
assert not b.get("is_error"), b.get("content")
da = {f: open(os.path.join(sys.argv[3], f), 'rb').read() for f in os.listdir(sys.argv[3])}
db = {f: open(os.path.join(sys.argv[4], f), 'rb').read() for f in os.listdir(sys.argv[4])}
assert da == db, ("workspaces differ", da, db)
PY
    then ok; else bad "$t: compiled run differs from the interpreter's (or did not run compiled)"; sed -n 1,3p "$T/$t.auto.err"; fi
done

# 3. The tools' own suites, compiled (BOXAGNTS_TIER reaches every `call`
#    they make; the cache is the one filled above).
for s in tests/js/t_js.sh tests/bash/t_bash.sh tests/filetools/t_file_tools.sh; do
    BOXAGNTS_TIER=auto BOXAGNTS_CACHE_DIR=$C bash "$s" > "$T/suite.out" 2>&1
    last=$(tail -1 "$T/suite.out")
    p=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\1/p')
    f=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\2/p')
    if [ -n "$p" ] && [ "$f" = 0 ] && [ "$p" -gt 0 ]; then
        ok
        echo "$s compiled: $last"
    else
        bad "$s compiled: $last"
        grep -m 10 "FAIL" "$T/suite.out" | cut -c1-300
    fi
done
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
