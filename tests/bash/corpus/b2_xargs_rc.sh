echo nofile | xargs cat 2>/dev/null; echo $?
