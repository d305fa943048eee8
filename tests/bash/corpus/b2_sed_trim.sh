printf '   lead\n\ttab\n' | sed 's/^[ \t]*//'
