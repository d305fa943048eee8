cut -d, -f2 data/scores.csv
