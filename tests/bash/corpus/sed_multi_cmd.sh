sed -e 's/a/A/g; s/e/E/g' data/words.txt | head -3
