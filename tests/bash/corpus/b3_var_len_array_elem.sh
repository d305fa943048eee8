a=(hello world); echo ${#a[1]} ${#a}
