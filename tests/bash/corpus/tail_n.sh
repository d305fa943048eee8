tail -n 3 data/numbers.txt; tail -2 data/words.txt
