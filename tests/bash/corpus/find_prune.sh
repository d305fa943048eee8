find . -path ./src -prune -o -type f -name '*.txt' -print | sort
