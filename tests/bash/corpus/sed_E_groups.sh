sed -E 's/([0-9]+) ([a-z]+) .*/\2=\1/' data/table.txt
