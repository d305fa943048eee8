arr=(one two three); echo "${arr[1]}" "${#arr[@]}"; for x in "${arr[@]}"; do echo "- $x"; done
