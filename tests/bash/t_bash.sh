#!/usr/bin/env bash
# tests/bash/t_bash.sh — differential tests of the bash tool (guest/bash).
#
# Every tests/bash/corpus/*.sh runs twice on identical copies (cp -a) of a
# fixture tree made here: by the host's /bin/bash with GNU coreutils
# (LC_ALL=C, TZ=UTC, cwd = the copy) and by the bash tool inside the sandbox
# (`boxagnts call bash --workspace COPY`).  stdout, the exit status and the
# resulting tree (paths, types, contents) must match exactly.  Scripts avoid
# what the sandbox must show differently (absolute host paths, owners and
# permission bits in ls -l, $HOME) -- see tool.json's description.
# Then sandbox cases: writes outside the grant fail, `cd /; ls` lists only
# the grant, an endless loop ends at timeout_seconds, a read-only workspace
# refuses writes, huge output is truncated with a note.
#
# Usage: tests/bash/t_bash.sh [NAME...]   (corpus names without .sh)
# KEEP=1 keeps the temp dirs; VERBOSE=1 shows diffs; T_BASH_NO_JQ=1 uses
# python3 instead of jq (slower).
# Last line: "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
CLI=$BUILD/boxagnts
TOOL=$BUILD/tools/bash/tool.wasm
pass=0 fail=0
T=$(mktemp -d "${TMPDIR:-/tmp}/t_bash.XXXXXX")
if [ -n "${KEEP:-}" ]; then echo "keeping $T"; else trap 'rm -rf "$T"' EXIT; fi

ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }

if [ ! -x "$CLI" ] || [ ! -f "$TOOL" ]; then
    echo "missing $CLI or $TOOL (make tests)"
    echo "0 passed, 1 failed"
    exit 1
fi

# ---- the fixture ------------------------------------------------------------
mkfixture() {
    local d=$1
    mkdir -p "$d"/src/lib "$d"/docs "$d"/data "$d"/scripts "$d"/a/b/c "$d"/empty "$d"/build
    cat > "$d"/src/main.c <<'X'
#include <stdio.h>
#include "util.h"

/* TODO: parse arguments */
int main(int argc, char **argv)
{
    int total = add(2, 3);
    printf("total=%d\n", total);
    if (argc > 1)
        printf("first=%s\n", argv[1]);
    return 0;
}
X
    cat > "$d"/src/util.c <<'X'
#include "util.h"

int add(int a, int b)
{
    return a + b;
}

int mul(int a, int b)
{
    return a * b; /* TODO: overflow */
}
X
    cat > "$d"/src/util.h <<'X'
#ifndef UTIL_H
#define UTIL_H
int add(int a, int b);
int mul(int a, int b);
#endif
X
    cat > "$d"/src/lib/helper.py <<'X'
#!/usr/bin/env python3
import sys

def greet(name):
    # TODO: localise
    return "Hello, " + name

if __name__ == "__main__":
    print(greet(sys.argv[1] if len(sys.argv) > 1 else "world"))
X
    cat > "$d"/src/lib/config.json <<'X'
{
  "name": "demo",
  "version": "1.2.3",
  "debug": false,
  "ports": [8080, 8081]
}
X
    cat > "$d"/docs/README.md <<'X'
# Demo project

This is a demo project used by the tests.
It has several lines of text.

## Build

Run `make` to build. Run `make test` to test.

## Notes
- first note
- second note
- third note
X
    printf 'Changelog\n=========\n1.0 initial\n1.1 fixes\n1.2 features\n' > "$d"/docs/CHANGES.txt
    seq 1 100 > "$d"/data/numbers.txt
    printf '%s\n' banana apple cherry apple date banana apple elderberry fig grape > "$d"/data/words.txt
    printf '%s\n' "10 alice 3.5" "2 bob 10.25" "33 carol 7" "2 dave 1.5" "10 eve 2" > "$d"/data/table.txt
    printf 'id,name,score\n1,alice,90\n2,bob,85\n3,carol,92\n4,dave,70\n' > "$d"/data/scores.csv
    for i in $(seq 1 40); do
        lvl=INFO; [ $((i % 7)) -eq 0 ] && lvl=ERROR; [ $((i % 5)) -eq 0 ] && lvl=WARN
        printf '2024-01-%02d 12:%02d:00 %s request %d took %dms\n' $(( (i % 28) + 1 )) $((i % 60)) $lvl $i $((i * 37 % 500))
    done > "$d"/data/app.log
    printf 'line one\r\nline two\r\n' > "$d"/data/crlf.txt
    printf 'no newline at end' > "$d"/data/nonl.txt
    : > "$d"/data/empty.txt
    printf 'deep file\n' > "$d"/a/b/c/deep.txt
    printf 'b file\n' > "$d"/a/b/b.txt
    printf 'a file\n' > "$d"/a/a.txt
    printf 'secret=1\n' > "$d"/.hidden
    printf 'space name\n' > "$d/data/my file.txt"
    cat > "$d"/scripts/build.sh <<'X'
#!/bin/bash
set -e
echo "building $1"
for f in src/*.c; do
    echo "compile $f"
done
echo done
X
    chmod +x "$d"/scripts/build.sh
    printf 'obj\n' > "$d"/build/main.o
    printf 'Makefile\nall:\n\tcc -o demo src/main.c src/util.c\n' > "$d"/Makefile
    # stable times: most files old, a few recent
    find "$d" -exec touch -h -d '2024-03-01 10:00:00' {} +
    touch -d '@'$(( $(date +%s) - 3600 )) "$d"/src/main.c "$d"/docs/README.md
    touch -d '2024-01-15 08:30:00' "$d"/data/app.log
}

FIX=$T/fixture
mkfixture "$FIX"

# JSON helpers: jq when installed, else python3 (both in scripts/setup.sh
# terms: python3 is there; jq is asked for).
if [ -z "${T_BASH_NO_JQ:-}" ] && command -v jq > /dev/null; then
    jget() { jq -r "$2" "$1"; }                      # FILE PATH (.a.b)
    jraw() { jq -j .content "$1"; }                  # FILE -> content, raw
    mkinput() { jq -n --rawfile c "$1" --argjson t "$2" '{command: $c, timeout_seconds: $t}'; }
else
    jget() { python3 -c 'import json,sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].strip(".").split("."):
    v = v.get(k) if isinstance(v, dict) else None
print("null" if v is None else ("true" if v is True else "false" if v is False else v))' "$1" "$2"; }
    jraw() { python3 -c 'import json,sys; sys.stdout.buffer.write(json.load(open(sys.argv[1]))["content"].encode("utf-8", "surrogateescape"))' "$1"; }
    mkinput() { python3 -c 'import json,sys; print(json.dumps({"command": open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read(), "timeout_seconds": float(sys.argv[2])}))' "$1" "$2"; }
fi

tree_of() {  # paths with types, and contents, of a directory
    (cd "$1" && find . -mindepth 1 -printf '%y %p %l\n' | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r md5sum)
}

# Pulls stdout (the first stdout_bytes bytes of content) and the exit status
# out of a result object.
extract() {
    local n
    n=$(jget "$1" .metadata.stdout_bytes) || return 1
    [ "$n" = null ] && n=0
    jraw "$1" | head -c "$n" > "$2"
    jget "$1" .metadata.exit_code | sed 's/^null$/none/' > "$3"
}

call_tool() {  # WORKSPACE SCRIPT-FILE RESULT [extra call args]
    local ws=$1 src=$2 res=$3; shift 3
    mkinput "$src" 30 > "$res.in"
    local try
    for try in 1 2 3 4 5; do
        "$CLI" call bash --workspace "$ws" "$@" - < "$res.in" > "$res" 2> "$res.err"
        # 126/127: the CLI is being relinked by a parallel build; try again
        case $? in 126|127) sleep 2 ;; *) return ;; esac
    done
}

# ---- differential corpus ------------------------------------------------------
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for f in tests/bash/corpus/*.sh; do names+=("$(basename "$f" .sh)"); done
fi
for n in "${names[@]}"; do
    src=tests/bash/corpus/$n.sh
    h=$T/host/$n b=$T/box/$n
    mkdir -p "$T/host" "$T/box" "$T/out/$n"
    cp -a "$FIX" "$h"
    cp -a "$FIX" "$b"
    o=$T/out/$n
    (cd "$h" && env -i PATH=/usr/bin:/bin LC_ALL=C TZ=UTC HOME="$h" timeout 30 /bin/bash -c "$(cat "$OLDPWD/$src")" > "$o/host.out" 2> "$o/host.err"; echo $? > "$o/host.rc")
    call_tool "$b" "$src" "$o/box.json"
    if ! extract "$o/box.json" "$o/box.out" "$o/box.rc" 2> "$o/extract.err"; then
        bad "$n: no result object ($(head -c 300 "$o/box.json" "$o/box.json.err"))"
        continue
    fi
    why=""
    cmp -s "$o/host.out" "$o/box.out" || why="stdout differs"
    cmp -s "$o/host.rc" "$o/box.rc" || why="$why exit $(cat "$o/host.rc") vs $(cat "$o/box.rc")"
    tree_of "$h" > "$o/host.tree"
    tree_of "$b" > "$o/box.tree"
    cmp -s "$o/host.tree" "$o/box.tree" || why="$why tree differs"
    if [ -z "$why" ]; then ok; else
        bad "$n: $why"
        if [ -n "${VERBOSE:-}" ] || [ ${#names[@]} -le 3 ]; then
            diff "$o/host.out" "$o/box.out" | head -20
            diff "$o/host.tree" "$o/box.tree" | head -10
            echo "--- box stderr:"; jraw "$o/box.json" | sed -n '/^\[stderr\]/,$p' | head -10
        fi
    fi
    [ -n "${KEEP:-}" ] || rm -rf "$h" "$b"
done

# ---- sandbox cases --------------------------------------------------------------
if [ $# -eq 0 ]; then
    W=$T/sb
    mkdir -p "$W"
    sbcall() {  # SCRIPT [extra args] -> $T/sb.json
        printf '%s' "$1" > "$T/sb.sh"
        shift
        call_tool "$W" "$T/sb.sh" "$T/sb.json" "$@"
    }
    jqr() { if [ "$1" = .content ]; then jraw "$T/sb.json"; else jget "$T/sb.json" "$1"; fi; }

    # writing outside the grant fails, and nothing appears on the host
    victim=/tmp/bx_bash_escape_$$
    rm -f "$victim"
    sbcall "echo pwned > $victim; echo rc=\$?; touch $victim; echo rc=\$?; mkdir /tmp/bx_bash_dir_$$; echo rc=\$?"
    if [ "$(jqr .content | head -3 | tr '\n' ' ')" = "rc=1 rc=1 rc=1 " ] && [ ! -e "$victim" ] && [ ! -e /tmp/bx_bash_dir_$$ ]; then ok; else bad "write outside the grant: $(jqr .content)"; fi

    # reading outside the grant fails too
    sbcall 'cat /etc/passwd; echo rc=$?; ls /etc; echo rc=$?; cd /etc; echo rc=$?'
    if [ "$(jqr .content | grep -c '^rc=[12]$')" = 3 ] && ! jqr .content | grep -q 'root:'; then ok; else bad "read outside the grant: $(jqr .content)"; fi

    # cd / and ls show only the granted directory
    sbcall 'cd /; ls; ls -a / | grep -v "^\.\.\?$"; cd ..; pwd; ls ..'
    if [ "$(jqr .content)" = "$(printf 'workspace\nworkspace\n/\nworkspace\n')" ]; then ok; else bad "cd / + ls: $(jqr .content)"; fi

    # symlinks cannot lead out of the grant
    sbcall 'ln -s /etc/passwd link; cat link; echo rc=$?; ln -s .. up; ls up/ | grep -c passwd'
    if jqr .content | grep -q '^rc=1$' && ! jqr .content | grep -q 'root:'; then ok; else bad "symlink escape: $(jqr .content)"; fi
    rm -f "$W/link" "$W/up"

    # an endless loop ends at timeout_seconds with a clear message and 124
    printf 'echo start; while true; do :; done; echo never' > "$T/loop.sh"
    mkinput "$T/loop.sh" 2 > "$T/loop.in"
    t0=$(date +%s)
    "$CLI" call bash --workspace "$W" - < "$T/loop.in" > "$T/loop.json"
    t1=$(date +%s)
    if [ "$(jget "$T/loop.json" .metadata.exit_code)" = 124 ] && [ "$(jget "$T/loop.json" .metadata.timed_out)" = true ] &&
       jraw "$T/loop.json" | grep -q '^start$' && jraw "$T/loop.json" | grep -q 'timed out after 2 seconds' &&
       ! jraw "$T/loop.json" | grep -q never && [ $((t1 - t0)) -lt 20 ]; then ok
    else bad "timeout: $(head -c 400 "$T/loop.json")"; fi

    # the same for a loop inside a pipeline and a recursive function
    printf 'f() { f; }; f; echo after' > "$T/rec.sh"
    mkinput "$T/rec.sh" 5 > "$T/rec.in"
    "$CLI" call bash --workspace "$W" - < "$T/rec.in" > "$T/rec.json"
    if [ "$(jget "$T/rec.json" .metadata.exit_code)" != 0 ] && jraw "$T/rec.json" | grep -q 'nesting level'; then ok; else bad "recursion: $(head -c 400 "$T/rec.json")"; fi

    # a read-only workspace refuses writes (the grant, not the tool, decides)
    echo keep > "$W/ro.txt"
    sbcall 'echo changed > ro.txt; echo rc=$?; rm ro.txt; echo rc=$?; cat ro.txt' --cap read:/workspace
    if [ "$(cat "$W/ro.txt")" = keep ] && jqr .content | grep -q '^rc=1$' && jqr .content | grep -q '^keep$'; then ok; else bad "read-only workspace: $(jqr .content)"; fi

    # exit status, stderr section and is_error
    sbcall 'echo out; echo err >&2; nosuchcmd; exit 3'
    if [ "$(jqr .is_error)" = true ] && [ "$(jqr .metadata.exit_code)" = 3 ] &&
       [ "$(jqr .content)" = "$(printf 'out\n[stderr]\nerr\nbash: line 1: nosuchcmd: command not found\n[exit status 3]')" ]; then ok
    else bad "result format: $(jqr .content)"; fi

    # 127 and its message
    sbcall 'python3 -c "print(1)"'
    if [ "$(jqr .metadata.exit_code)" = 127 ] && jqr .content | grep -q 'bash: line 1: python3: command not found'; then ok; else bad "127: $(jqr .content)"; fi

    # output beyond 16 MiB is dropped with a note
    sbcall 'yes 0123456789012345678901234567890123456789 | head -c 20000000; echo tail'
    if [ "$(jqr .metadata.truncated)" = true ] && [ "$(jqr .metadata.stdout_bytes)" -le 16777216 ] && jqr .content | grep -q 'stdout truncated at 16 MiB'; then ok
    else bad "truncation: $(head -c 300 "$T/sb.json")"; fi
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
