grep -iE '^(BANANA|FIG)$' data/words.txt
