grep zzz data/words.txt; echo "rc=$?"
