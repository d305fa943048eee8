wc -l < nofile; echo "rc=$?"
