find . -maxdepth 2 -type d | sort
