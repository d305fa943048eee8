ls -a | wc -l; ls -A | wc -l
