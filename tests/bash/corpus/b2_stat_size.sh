stat -c %s data/words.txt data/empty.txt
