seq 1 10 | { s=0; while read n; do s=$((s+n)); done; echo $s; }
