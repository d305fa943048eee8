tail -n 1 data/nonl.txt; echo
