awk -F, 'NR>1 {printf "%-6s %5.1f\n", $2, $3/10}' data/scores.csv
