tail -n +1 docs/CHANGES.txt | wc -l; tail -n 0 docs/CHANGES.txt
