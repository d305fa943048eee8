ls -lh data/numbers.txt data/app.log | tr -s ' ' | cut -d' ' -f5,9
