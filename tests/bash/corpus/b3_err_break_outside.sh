break; echo "rc=$?"
