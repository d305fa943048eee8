outer() { inner() { echo "inner $1"; }; inner "$1-x"; }; outer y; inner z
