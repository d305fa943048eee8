find . -maxdepth 1 | sort
