printf '3\n-1\n10\n-20\n0\n' | sort -n
