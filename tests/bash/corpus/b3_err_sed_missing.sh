sed 's/a/b/' nofile; echo "rc=$?"
