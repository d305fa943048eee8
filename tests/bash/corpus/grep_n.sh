grep -n include src/main.c
