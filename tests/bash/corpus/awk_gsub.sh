awk '{gsub(/a/, "4"); print}' data/words.txt | head -3
