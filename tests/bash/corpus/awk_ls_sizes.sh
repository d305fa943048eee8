ls -l data | awk 'NR>1 {print $5, $NF}' | sort -n | tail -3
