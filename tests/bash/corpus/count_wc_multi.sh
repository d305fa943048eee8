wc data/words.txt data/table.txt
