p='*.c'; ls src/$p; ls "src/$p" 2>/dev/null; echo "rc=$?"
