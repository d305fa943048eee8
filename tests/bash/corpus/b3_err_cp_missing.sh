cp nothere there; echo "rc=$?"; ls there 2>/dev/null; echo "rc=$?"
