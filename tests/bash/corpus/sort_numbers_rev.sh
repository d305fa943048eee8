sort -rn data/numbers.txt | head -5
