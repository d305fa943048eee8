i=1; echo $((i++)) $i $((++i)) $i
