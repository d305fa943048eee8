grep 'apple\|cherry' data/words.txt
