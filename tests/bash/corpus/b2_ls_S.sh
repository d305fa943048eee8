ls -S data | head -3
