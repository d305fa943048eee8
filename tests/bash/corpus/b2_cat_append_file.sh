cat data/words.txt >> combined.txt; cat docs/CHANGES.txt >> combined.txt; wc -l combined.txt
