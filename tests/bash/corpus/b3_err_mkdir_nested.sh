mkdir x/y/z; echo "rc=$?"; ls -d x 2>/dev/null; echo "rc=$?"
