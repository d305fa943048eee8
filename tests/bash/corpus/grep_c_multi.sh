grep -c TODO src/*.c
