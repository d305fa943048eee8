echo 'Hello HELLO hello' | sed 's/hello/bye/Ig'
