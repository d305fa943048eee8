cat data/app.log | grep WARN | head -3
