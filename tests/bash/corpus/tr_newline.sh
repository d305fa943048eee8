echo 'a,b,c' | tr , '\n'
