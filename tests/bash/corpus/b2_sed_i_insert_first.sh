sed -i '1i header' data/words.txt; head -2 data/words.txt
