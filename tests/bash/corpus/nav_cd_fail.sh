cd nowhere; echo "rc=$?"; cd data/numbers.txt; echo "rc=$?"
