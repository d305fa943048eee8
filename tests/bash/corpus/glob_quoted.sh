echo "src/*.c" 'src/*.c'
