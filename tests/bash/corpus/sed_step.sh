seq 1 10 | sed -n '1~3p'
