nl docs/CHANGES.txt; paste -d: data/words.txt data/numbers.txt | head -3
