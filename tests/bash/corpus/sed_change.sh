sed '3c\changed' data/words.txt | head -4
