get() { echo "value-$1"; }; v=$(get 7); echo "$v"
