seq 10 | paste -sd+
