n=0; while read -r line; do n=$((n+1)); done < docs/README.md; echo $n
