find . -name '*.h' -exec grep -q NOPE {} \; ; echo $?
