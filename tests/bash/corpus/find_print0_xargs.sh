find src -name '*.c' -print0 | xargs -0 grep -l add | sort
