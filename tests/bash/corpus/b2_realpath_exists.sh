realpath -e nope 2>/dev/null; echo $?
