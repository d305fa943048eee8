for d in src docs data; do echo "$d $(find $d -type f | wc -l)"; done
