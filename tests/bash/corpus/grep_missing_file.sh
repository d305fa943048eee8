grep x nofile; echo "rc=$?"
