find src -type f ! -name '*.c' | sort
