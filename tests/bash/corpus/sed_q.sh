sed 3q data/numbers.txt
