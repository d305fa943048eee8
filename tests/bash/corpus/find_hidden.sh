find . -name '.*' | sort
