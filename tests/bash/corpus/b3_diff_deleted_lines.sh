seq 1 6 > e1; seq 1 6 | sed '2d;5d' > e2; diff e1 e2
