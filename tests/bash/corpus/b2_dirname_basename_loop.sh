for p in /a/b/c a/b c/ /; do echo "$(dirname $p) $(basename $p)"; done
