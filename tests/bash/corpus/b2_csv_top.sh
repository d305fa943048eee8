tail -n +2 data/scores.csv | sort -t, -k3 -nr | head -1
