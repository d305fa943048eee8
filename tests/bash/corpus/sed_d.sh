sed '/apple/d' data/words.txt
