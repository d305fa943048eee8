echo "'a b' c" | xargs -n1 echo
