diff data/words.txt nofile; echo "rc=$?"
