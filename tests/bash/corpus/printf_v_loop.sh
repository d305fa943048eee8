for w in $(head -3 data/words.txt); do printf '%-8s|\n' "$w"; done
