realpath --relative-to=. src/lib/../main.c
