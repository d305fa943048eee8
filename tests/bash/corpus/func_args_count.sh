f() { echo $#; }; f; f a; f a b "c d"
