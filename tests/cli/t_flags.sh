#!/usr/bin/env bash
# t_flags.sh — the one flag parser (src/cli/flags.c): every subcommand
# answers --help with its own help on stdout; --opt=value and --opt value
# mean the same everywhere; run, call, mcp and serve apply the same checks
# (addresses/CIDRs, "://" in URL prefixes and fetch patterns, values above
# 0) and name the flag; the policy key require_os_confinement is a boolean
# that mcp/serve honour like the flag (calls then run in confined workers),
# and that contradicts --no-os-confinement.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
pass=0 fail=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# --help: exit 0, the subcommand's own usage line first, nothing on stderr
for c in validate invoke tools run call mcp serve policy tool; do
    out=$("$BX" $c --help 2>"$T/err"); rc=$?
    [ $rc = 0 ] && [ ! -s "$T/err" ] && grep -q "^usage: boxagnts $c" <<<"$out" && ok || bad "$c --help: rc=$rc $(head -1 <<<"$out") $(cat "$T/err")"
done
"$BX" tools --help | grep -q "boxagnts call" && bad "tools --help prints call's help" || ok
for c in "tool new" "tool check" "policy check"; do
    out=$("$BX" $c --help 2>/dev/null); rc=$?
    [ $rc = 0 ] && grep -q "^usage: boxagnts ${c%% *}" <<<"$out" && ok || bad "$c --help: rc=$rc"
done

# the same refusal, for the same value, by every command and both spellings
declare -A cmds=([run]="run" [call]="call file-read" [mcp]="mcp" [serve]="serve --jsonl")
check() {   # FLAG VALUE WHAT
    for k in run call mcp serve; do
        for form in sep eq; do
            if [ $form = sep ]; then args=("$1" "$2"); else args=("$1=$2"); fi
            "$BX" ${cmds[$k]} "${args[@]}" x.wasm </dev/null >/dev/null 2>"$T/err"; rc=$?
            [ $rc = 2 ] && grep -q -- "$1" "$T/err" && ok || bad "$k $1 $2 ($form, $3): rc=$rc $(cat "$T/err")"
        done
    done
}
check --block-network 10.0.0.0/99 "bad prefix length"
check --block-network example.com "a name is not a network"
check --allow-network private "private cannot be lifted whole"
check --block-url example.com/admin "no ://"
check --allow-host example.com "no ://"
check --timeout 0 "zero"
check --fuel 0 "zero"
check --max-memory lots "not a size"
check --bogus-flag 1 "unknown"

# a value taken with = is the whole rest of the argument (an = inside kept)
"$BX" mcp --secret-header=api.example.com:X-Key=env:BX_SURELY_UNSET_VAR </dev/null >/dev/null 2>"$T/err"; rc=$?
[ $rc != 0 ] && grep -q "BX_SURELY_UNSET_VAR" "$T/err" && ok || bad "secret header via =: rc=$rc $(cat "$T/err")"
# a flag without a value is refused, naming it
"$BX" mcp --workspace </dev/null >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && grep -q -- "--workspace needs a value" "$T/err" && ok || bad "missing value: rc=$rc $(cat "$T/err")"
# a flag of another command is unknown here
"$BX" mcp --max-fds 10 </dev/null >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && grep -q "unknown option --max-fds" "$T/err" && ok || bad "run-only flag in mcp: rc=$rc $(cat "$T/err")"

# require_os_confinement: a boolean; the key and the flag both reach the
# server, whose calls then report full confinement; with --no-os-confinement
# it is a contradiction (usage error)
echo '{"require_os_confinement": "yes"}' > "$T/p1.json"
"$BX" policy check "$T/p1.json" >/dev/null 2>"$T/err"; rc=$?
[ $rc = 2 ] && grep -q "require_os_confinement" "$T/err" && ok || bad "non-boolean key: rc=$rc $(cat "$T/err")"
mkdir -p "$T/ws" && printf 'one\n' > "$T/ws/a.txt"
printf '{"require_os_confinement": true, "workspace": "%s"}\n' "$T/ws" > "$T/p2.json"
REQ='{"id":1,"tool":"file-read","input":{"file_path":"a.txt"}}'
for how in "--policy $T/p2.json" "--workspace $T/ws --require-os-confinement"; do
    out=$(printf '%s\n' "$REQ" | "$BX" serve --jsonl $how 2>"$T/err"); rc=$?
    [ $rc = 0 ] && grep -q '"os_confinement":"full"' <<<"$out" && grep -q 'one' <<<"$out" && ok ||
        bad "serve with $how: rc=$rc $out $(cat "$T/err")"
    "$BX" mcp $how --no-os-confinement </dev/null >/dev/null 2>"$T/err"; rc=$?
    [ $rc = 2 ] && grep -q "contradicts" "$T/err" && ok || bad "mcp $how --no-os-confinement: rc=$rc $(cat "$T/err")"
done
echo '{"require_os_confinement": false}' > "$T/p3.json"
"$BX" mcp --policy "$T/p3.json" </dev/null >/dev/null 2>"$T/err"; rc=$?
[ $rc = 0 ] && ok || bad "key false: rc=$rc $(cat "$T/err")"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
