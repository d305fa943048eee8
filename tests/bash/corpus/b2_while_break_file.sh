while read -r n; do [ "$n" -gt 3 ] && break; echo $n; done < data/numbers.txt
