grep -rn TODO src | sort
