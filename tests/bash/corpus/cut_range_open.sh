cut -d' ' -f2- data/table.txt
