echo 'x x x x' | sed 's/x/y/3'
