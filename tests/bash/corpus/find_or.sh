find . \( -name '*.h' -o -name '*.py' \) | sort
