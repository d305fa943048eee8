check() { [ -f "$1" ] && return 0; return 3; }; check data/words.txt; echo $?; check nope; echo $?
