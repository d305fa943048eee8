cat data/table.txt | while read -r a b c; do echo "$b:$a"; done
