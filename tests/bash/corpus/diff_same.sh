cp data/words.txt w2.txt; diff data/words.txt w2.txt; echo "rc=$?"
