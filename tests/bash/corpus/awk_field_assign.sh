awk '{$2 = "X"; print}' data/table.txt
