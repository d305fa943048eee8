sort data/words.txt | uniq -u
