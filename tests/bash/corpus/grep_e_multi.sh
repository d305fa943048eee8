grep -e banana -e fig data/words.txt
