seq 5 | tac
