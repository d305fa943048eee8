sort data/words.txt | uniq | wc -l
