seq -s ' ' 5; seq -w 1 10 | tail -2
