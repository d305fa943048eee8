ls data/words.txt a src/lib
