grep -c apple data/words.txt
