printf 'b\nB\na\nA\n_\n1\n' | sort
