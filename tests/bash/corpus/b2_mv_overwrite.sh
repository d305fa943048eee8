echo new > n.txt; mv n.txt data/words.txt; cat data/words.txt
