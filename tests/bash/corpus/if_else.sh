if [ -f data/words.txt ]; then echo file; else echo nofile; fi
