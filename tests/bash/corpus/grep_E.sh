grep -E 'ERROR|WARN' data/app.log | wc -l
