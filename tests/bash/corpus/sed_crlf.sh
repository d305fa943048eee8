sed 's/\r$//' data/crlf.txt | cat -A
