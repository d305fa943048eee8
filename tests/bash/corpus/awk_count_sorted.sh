awk '{c[$1]++} END {for (k in c) print k, c[k]}' data/words.txt | sort
