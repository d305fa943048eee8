sed 's/a/b' data/words.txt; echo "rc=$?"
