grep -n -C 1 ERROR data/app.log | head -20
