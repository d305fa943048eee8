rm -v data/empty.txt
