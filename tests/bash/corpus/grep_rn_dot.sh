grep -rn 'add(' . | sort
