sed 's/apple/APPLE/' data/words.txt
