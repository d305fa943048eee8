find . | sort
