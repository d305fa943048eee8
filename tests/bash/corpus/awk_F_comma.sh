awk -F, 'NR>1 {print $2 ": " $3}' data/scores.csv
