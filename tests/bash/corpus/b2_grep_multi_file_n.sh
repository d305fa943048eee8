grep -n apple data/words.txt docs/README.md
