grep -o apple data/words.txt | wc -l
