cat -n data/words.txt | head -3
