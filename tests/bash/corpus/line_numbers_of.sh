grep -n 'return' src/*.c | cut -d: -f1,2
