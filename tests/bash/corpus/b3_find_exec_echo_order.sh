find a -type f -exec echo found {} \; | sort
