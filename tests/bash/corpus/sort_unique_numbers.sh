printf '3\n1\n3\n2\n1\n' | sort -nu
