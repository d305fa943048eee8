find . -type f -not -path './src/*' -name '*.c'
