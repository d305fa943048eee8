awk '/ERROR/ {n++} END {print n+0}' data/app.log
