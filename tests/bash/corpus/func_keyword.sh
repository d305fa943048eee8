function hello { echo "hello $*"; }; hello x y
