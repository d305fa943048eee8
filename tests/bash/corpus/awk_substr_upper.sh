awk '{print toupper(substr($0, 1, 1)) substr($0, 2)}' data/words.txt | head -3
