x=hello; y="$x world"; echo "$y"; echo ${#y}
