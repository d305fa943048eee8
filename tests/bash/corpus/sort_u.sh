sort -u data/words.txt
