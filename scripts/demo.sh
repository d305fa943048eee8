#!/usr/bin/env bash
# The main job: a few sandboxed tool calls on a copy of samples/workspace
# (so the repository stays as it is).  Run by `make demo`, after the build.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
BX=$BUILD/boxagnts
WS=$BUILD/demo-workspace
rm -rf "$WS" && cp -r samples/workspace "$WS"
step() { printf '\n$ boxagnts %s\n' "$*"; "$BX" "$@"; }
step tools
step call file-glob --workspace "$WS" '{"pattern": "**/*.{c,h}"}'
step call file-read --workspace "$WS" '{"file_path": "src/greet.c"}'
step call file-edit --workspace "$WS" '{"file_path": "src/greet.c", "old_string": "Hello, %s!", "new_string": "Hi, %s!"}'
step call file-write --workspace "$WS" '{"file_path": "notes/todo.md", "content": "- greet in more languages\n"}'
echo; echo "# refused by the sandbox: outside the workspace, and a write through a read-only grant"
step call file-read --workspace "$WS" '{"file_path": "/etc/passwd"}'
step call file-write --workspace "$WS" --cap read:/workspace '{"file_path": "README.md", "content": "overwritten"}'
printf '\nThe edited workspace is in %s.\n' "$WS"
