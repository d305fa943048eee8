awk 'length($0) > 5' data/words.txt
