tail -c 5 data/nonl.txt; echo
