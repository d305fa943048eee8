printf 'x\n10\n2\ny\n1.5\n' | sort -n
