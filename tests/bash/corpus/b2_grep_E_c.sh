grep -E -c '^[a-z]+$' data/words.txt
