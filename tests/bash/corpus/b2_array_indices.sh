a=(x y z); echo "${!a[@]}"; echo "${a[-1]}"; unset 'a[1]'; echo "${a[@]}" ${#a[@]}
