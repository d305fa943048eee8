ls src/*.c | xargs wc -l
