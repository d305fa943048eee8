file data/words.txt data/empty.txt src
