grep -r apple data/words.txt
