sed -n '/an/s//AN/p' data/words.txt
