sort -o data/sorted.txt data/words.txt; head -2 data/sorted.txt
