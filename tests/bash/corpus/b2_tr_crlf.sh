tr -d '\r' < data/crlf.txt > data/lf.txt; cat -A data/lf.txt
