touch nodir/file; echo "rc=$?"
