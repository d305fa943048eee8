c=0; cat data/words.txt | while read w; do c=$((c+1)); done; echo "c=$c"
