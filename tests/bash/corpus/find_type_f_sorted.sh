find . -type f | sort
