arr=(pear apple fig); printf "%s\n" "${arr[@]}" | sort
