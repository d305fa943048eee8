if grep -q cherry data/words.txt; then echo found; fi
