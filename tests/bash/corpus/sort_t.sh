sort -t, -k3 -n data/scores.csv
