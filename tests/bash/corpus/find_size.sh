find . -type f -size +1k | sort; find . -type f -size -2 | sort
