greet() { echo "hi $1"; }; greet bob; greet "a b"
