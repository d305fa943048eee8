find . -maxdepth 2 -type f -name '*.txt' | sort
