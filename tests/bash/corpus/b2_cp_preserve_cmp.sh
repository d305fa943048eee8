cp -p data/words.txt w.txt && cmp -s w.txt data/words.txt && echo identical
