grep x nofile 2> err.txt; cat err.txt
