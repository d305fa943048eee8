grep TODO src/main.c
