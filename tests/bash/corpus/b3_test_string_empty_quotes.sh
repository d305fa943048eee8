x=""; [ "$x" ] || echo empty; [ -n "$x" ] || echo empty2
