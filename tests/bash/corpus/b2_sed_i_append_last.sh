sed -i '$a footer' data/words.txt; tail -2 data/words.txt
