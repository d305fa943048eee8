grep -E '^(apple|fig)$' data/words.txt
