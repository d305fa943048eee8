grep -o '[0-9]*ms' data/app.log | head -5
