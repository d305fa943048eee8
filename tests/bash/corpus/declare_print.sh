declare -a list=(a b); echo ${list[@]}; declare -i n=5; echo $n
