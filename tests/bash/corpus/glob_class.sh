echo data/[nw]*.txt; echo src/??*.h
