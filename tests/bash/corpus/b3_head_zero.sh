head -n 0 data/words.txt; echo "[$?]"
