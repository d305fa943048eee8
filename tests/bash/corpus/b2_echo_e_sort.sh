echo -e "b\na\nc" | sort -r
