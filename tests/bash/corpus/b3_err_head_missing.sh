head -n 2 nofile data/words.txt; echo "rc=$?"
