wc -l data/*.csv data/table.txt
