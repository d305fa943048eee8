awk 'BEGIN {OFS="-"} {print $1, $2}' data/table.txt
