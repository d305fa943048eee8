head -n -95 data/numbers.txt
