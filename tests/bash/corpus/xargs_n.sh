seq 1 5 | xargs -n 2 echo
