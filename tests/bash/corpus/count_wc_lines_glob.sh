wc -l src/*.c src/*.h
