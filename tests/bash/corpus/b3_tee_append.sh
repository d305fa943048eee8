echo a | tee t.txt >/dev/null; echo b | tee -a t.txt; cat t.txt
