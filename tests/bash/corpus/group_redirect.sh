{ echo a; echo b; } > out.txt; cat out.txt
