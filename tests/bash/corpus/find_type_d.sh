find . -type d | sort
