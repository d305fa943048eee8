cat src; echo "rc=$?"
