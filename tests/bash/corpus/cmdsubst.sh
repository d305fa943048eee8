n=$(wc -l < data/numbers.txt); echo "lines: $n"
