head -n 3 data/words.txt; head -2 data/words.txt
