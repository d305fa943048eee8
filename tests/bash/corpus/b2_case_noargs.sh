case "${1:-}" in "") echo no-args;; *) echo args;; esac
