find src -name '*.c' -exec wc -l {} \; | sort
