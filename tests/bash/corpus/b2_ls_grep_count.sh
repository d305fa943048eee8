ls -la | grep -v total | wc -l
