uniq -c data/words.txt | head -4
