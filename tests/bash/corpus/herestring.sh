read a b <<< "one two"; echo "$b $a"
