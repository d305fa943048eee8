head -n 2 data/words.txt docs/CHANGES.txt
