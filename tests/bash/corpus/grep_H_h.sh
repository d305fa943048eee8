grep -H 1.0 docs/CHANGES.txt; grep -h add src/util.c src/util.h
