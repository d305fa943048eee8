sort -c data/numbers.txt; echo "rc=$?"; sort -c data/words.txt 2>/dev/null; echo "rc=$?"
