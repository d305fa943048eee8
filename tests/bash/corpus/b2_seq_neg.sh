seq 5 -1 1; seq 0.5 0.5 2
