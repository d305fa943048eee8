base64 data/words.txt | head -2; base64 data/words.txt | base64 -d | cmp - data/words.txt && echo roundtrip
