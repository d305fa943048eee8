rm data/empty.txt; ls data | wc -l
