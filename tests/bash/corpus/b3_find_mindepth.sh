find a -mindepth 2 | sort
