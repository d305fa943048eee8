grep -rn --include='*.h' add . | sort
