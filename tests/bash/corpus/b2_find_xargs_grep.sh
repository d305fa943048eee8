find . -name "*.c" | sort | xargs grep -n "int"
