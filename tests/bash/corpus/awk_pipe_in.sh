grep -c '' data/*.txt | awk -F: '{s += $2} END {print s}'
