basename -s .c src/main.c src/util.c
