wc -l < data/numbers.txt; wc -c < data/words.txt
