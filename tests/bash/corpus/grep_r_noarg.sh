grep -r mul | sort
