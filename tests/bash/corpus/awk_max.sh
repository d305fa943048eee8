awk 'NR == 1 || $3 > max {max = $3; who = $2} END {print who, max}' data/table.txt
