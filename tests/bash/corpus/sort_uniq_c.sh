sort data/words.txt | uniq -c
