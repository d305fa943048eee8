nosuch 2>/dev/null; echo $?; ls nosuchfile 2>/dev/null; echo $?
