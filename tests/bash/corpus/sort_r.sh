sort -r data/words.txt | head -3
