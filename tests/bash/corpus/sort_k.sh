sort -k2 data/table.txt
