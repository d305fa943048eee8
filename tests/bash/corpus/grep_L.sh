grep -L TODO src/*.c src/*.h
