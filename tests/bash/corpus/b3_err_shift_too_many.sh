set -- a; shift 2; echo "rc=$?"
