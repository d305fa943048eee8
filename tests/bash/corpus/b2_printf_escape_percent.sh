printf '100%%\n'; printf '%s\t%s\n' a b
