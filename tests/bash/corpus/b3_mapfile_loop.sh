mapfile -t arr < docs/CHANGES.txt; for l in "${arr[@]:0:2}"; do echo "[$l]"; done
