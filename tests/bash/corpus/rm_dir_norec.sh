rm empty; echo "rc=$?"; rmdir empty; echo "rc=$?"
