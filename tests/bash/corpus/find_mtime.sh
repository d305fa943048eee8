find . -type f -mtime -1 | sort; echo ---; find . -type f -mtime +30 | wc -l
