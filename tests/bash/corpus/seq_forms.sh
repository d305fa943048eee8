seq 3; seq 2 4; seq 1 2 9; seq -s, 1 5; seq -w 8 10
