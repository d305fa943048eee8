diff -q data/words.txt data/table.txt; echo "rc=$?"
