count() { local n=$1; [ $n -le 0 ] && return; echo $n; count $((n-1)); }; count 3
