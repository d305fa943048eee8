sort -s -k2,2 data/table.txt
