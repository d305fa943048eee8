mkdir src; echo "rc=$?"; mkdir -p src; echo "rc=$?"
