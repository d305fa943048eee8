sort -n data/table.txt
