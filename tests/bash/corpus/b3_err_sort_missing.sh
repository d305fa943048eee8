sort nofile; echo "rc=$?"
