echo x > nodir/file; echo "rc=$?"
