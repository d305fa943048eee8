[ -f data/words.txt -a -d src ] && echo both; [ -f nope -o -d src ] && echo either; [ ! -f nope ] && echo negated
