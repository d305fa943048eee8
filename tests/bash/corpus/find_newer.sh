find . -type f -newer data/numbers.txt | sort
