cut -d, -f2 --complement data/scores.csv
