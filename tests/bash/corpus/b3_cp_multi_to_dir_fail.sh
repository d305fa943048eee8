cp data/words.txt data/table.txt nodir; echo "rc=$?"
