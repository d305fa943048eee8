head data/numbers.txt
