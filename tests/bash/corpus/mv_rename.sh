mv data/words.txt data/w.txt; ls data
