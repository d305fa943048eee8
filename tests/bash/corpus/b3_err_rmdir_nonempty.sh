rmdir src; echo "rc=$?"
