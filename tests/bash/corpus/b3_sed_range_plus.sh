sed -n '/cherry/,+2p' data/words.txt
