sort -k3 -n data/table.txt
