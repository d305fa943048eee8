ls -p src; ls -F scripts
