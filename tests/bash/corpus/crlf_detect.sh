grep -c $'\r' data/crlf.txt; cat -A data/crlf.txt 2>/dev/null | head -1 || true
