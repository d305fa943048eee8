echo 'a1 b2 c3' | tr -d '[:digit:][:space:]'
