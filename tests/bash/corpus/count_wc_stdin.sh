cat data/words.txt | wc
