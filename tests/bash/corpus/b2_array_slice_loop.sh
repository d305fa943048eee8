a=(1 2 3 4); sum=0; for v in "${a[@]}"; do sum=$((sum+v)); done; echo $sum
