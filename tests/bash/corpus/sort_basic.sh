sort data/words.txt
