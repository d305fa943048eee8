tail -n 2 data/app.log | cut -d' ' -f3-
