sed -n 'p;p' docs/CHANGES.txt | head -4
