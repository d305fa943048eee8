cut -f1 -d' ' data/table.txt
