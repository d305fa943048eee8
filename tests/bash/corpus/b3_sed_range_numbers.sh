sed '2,4d' data/words.txt
