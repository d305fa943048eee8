sort data/words.txt | uniq -d
