awk '{print NR ": " NF " fields, last=" $NF}' data/table.txt
