mapfile -t lines < data/words.txt; echo ${#lines[@]} ${lines[2]}
