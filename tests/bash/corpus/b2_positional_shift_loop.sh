set -- a b c d; while [ $# -gt 0 ]; do echo "arg $1"; shift; done
