printf '%s\n' a b c | wc -l; printf '%d-%d\n' 1 2 3 4
