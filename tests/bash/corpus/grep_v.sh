grep -v apple data/words.txt
