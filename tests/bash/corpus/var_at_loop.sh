set -- 'one two' three; for a in "$@"; do echo "[$a]"; done
