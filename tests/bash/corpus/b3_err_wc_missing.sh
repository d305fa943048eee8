wc -l nofile data/words.txt; echo "rc=$?"
