echo data | tee t.txt | tr a-z A-Z; cat t.txt
