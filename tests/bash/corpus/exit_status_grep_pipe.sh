grep -q nothing data/words.txt && echo yes || echo no
