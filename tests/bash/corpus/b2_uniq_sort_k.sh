sort data/words.txt | uniq -c | sort -k1,1nr -k2 | head -3
