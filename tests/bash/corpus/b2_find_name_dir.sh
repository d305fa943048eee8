find . -type d -name 'b*' | sort
