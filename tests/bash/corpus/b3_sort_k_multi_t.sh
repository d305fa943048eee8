sort -t, -k2,2 -k3,3nr data/scores.csv
