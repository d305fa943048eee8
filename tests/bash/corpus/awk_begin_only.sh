awk 'BEGIN {for (i = 1; i <= 5; i++) printf "%d ", i*i; print ""}'
