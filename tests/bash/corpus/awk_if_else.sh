awk '{if ($1 > 5) print $2, "big"; else print $2, "small"}' data/table.txt
