cat data/numbers.txt | head -n 5 | tail -n 2
