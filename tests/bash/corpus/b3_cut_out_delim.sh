cut -d, -f1,2 --output-delimiter=' | ' data/scores.csv
