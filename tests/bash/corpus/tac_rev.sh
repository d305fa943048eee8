tac data/words.txt | head -2; echo abc | rev
