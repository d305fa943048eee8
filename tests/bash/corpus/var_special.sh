set -- a b c; echo $# "$1" "$@"; shift; echo "$*"
