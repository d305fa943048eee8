grep -o '\w*rr\w*' data/words.txt
