grep -iw 'APPLE' data/words.txt | head -2
