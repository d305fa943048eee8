seq 1 20 | grep -B2 -A2 -E '^(5|7|15)$'
