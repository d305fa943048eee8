sed -n '/apple/=' data/words.txt
