eval "echo \"quoted words\""; args='a b'; eval "set -- $args"; echo $#
