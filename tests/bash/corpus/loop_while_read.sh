while read -r n; do echo "line: $n"; done < data/words.txt | head -3
