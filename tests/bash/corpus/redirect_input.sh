tr a-z A-Z < data/words.txt | head -2
