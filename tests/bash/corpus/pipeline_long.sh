cat data/app.log | grep -v INFO | cut -d' ' -f3 | sort | uniq -c
