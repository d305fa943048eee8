sed -n '3,5p' data/numbers.txt
