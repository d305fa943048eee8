sed -n '$=' data/words.txt docs/CHANGES.txt
