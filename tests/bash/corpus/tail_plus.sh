tail -n +98 data/numbers.txt
