cut -d, -f1,3 data/scores.csv
