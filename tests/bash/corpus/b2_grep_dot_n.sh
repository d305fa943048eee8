grep -n . docs/CHANGES.txt | head -3
