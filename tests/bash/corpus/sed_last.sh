sed -n '$p' data/numbers.txt
