printf 'b\nB\na\nA\n' | sort -f
