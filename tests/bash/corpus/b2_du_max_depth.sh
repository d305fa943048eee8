du --max-depth=1 a | sort -k2
