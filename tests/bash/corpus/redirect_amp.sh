{ echo out; echo err >&2; } &> all.txt; wc -l all.txt
