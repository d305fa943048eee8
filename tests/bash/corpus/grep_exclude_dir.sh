grep -rl --exclude-dir=src TODO . | sort
