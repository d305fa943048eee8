while IFS=, read -r id name score; do echo "$name:$score"; done < data/scores.csv
