stat -c '%n %s' data/words.txt data/numbers.txt
