cp data/words.txt copy.txt && cmp data/words.txt copy.txt && echo same
