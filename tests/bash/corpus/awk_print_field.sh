awk '{print $1}' data/table.txt
