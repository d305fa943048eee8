cut -c1-4 data/words.txt
