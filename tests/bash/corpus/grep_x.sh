grep -x apple data/words.txt | wc -l
