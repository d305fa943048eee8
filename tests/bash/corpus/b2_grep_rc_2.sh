grep -q x nofile 2>/dev/null; echo $?
