find . -name '*.c'
