sort -nrk1 data/table.txt
