awk '{s += $1} END {print "total", s}' data/table.txt
