wc -l $(find src -name '*.c' | sort)
