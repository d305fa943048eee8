wc -c data/*.txt | sort -n | head -3
