echo abc | grep -o .
