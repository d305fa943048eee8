awk '!seen[$0]++' data/words.txt
