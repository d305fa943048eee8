find a -printf '%d %p\n' | sort
