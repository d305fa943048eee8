x='a  b'; echo $x; echo "$x"; printf '[%s]\n' $x
