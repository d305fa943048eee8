ls src/*.c data/*.txt
