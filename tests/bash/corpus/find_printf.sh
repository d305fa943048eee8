find data -type f -printf '%f %s\n' | sort
