grep -m 2 apple data/words.txt
