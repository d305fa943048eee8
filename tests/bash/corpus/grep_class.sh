grep '^[0-9][0-9]$' data/numbers.txt | wc -l
