echo *.nothing; ls *.zzz 2>/dev/null; echo "rc=$?"
