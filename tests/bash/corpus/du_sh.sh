du -sh data/numbers.txt | cut -f1; du -s data/empty.txt
