cat data/words.txt docs/CHANGES.txt | wc -l
