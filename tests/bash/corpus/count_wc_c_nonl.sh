wc -c data/nonl.txt; wc -l data/nonl.txt
