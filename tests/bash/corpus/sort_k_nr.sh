sort -k1,1nr -k2,2 data/table.txt
