ls nothere 2>/dev/null; echo "rc=$?"; ls nothere 2>&1 | sed 's/ls: //' | head -1
