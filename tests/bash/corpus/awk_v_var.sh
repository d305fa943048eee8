awk -v min=10 '$1 >= min {print $2}' data/table.txt
