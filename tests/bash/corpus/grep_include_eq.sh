grep -rln --include=*.c --include=*.py TODO . | sort
