touch data/words.txt; wc -l data/words.txt
