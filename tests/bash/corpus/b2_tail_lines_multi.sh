tail -n 1 data/words.txt docs/CHANGES.txt
