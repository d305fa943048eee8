cmp data/words.txt data/words.txt; echo "rc=$?"
