ln data/words.txt hard.txt; cat hard.txt | wc -l
