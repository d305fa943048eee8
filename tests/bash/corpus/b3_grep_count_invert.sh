grep -vc apple data/words.txt
