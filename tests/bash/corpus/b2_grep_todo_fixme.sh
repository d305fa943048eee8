grep -rn "TODO\|FIXME" --include="*.c" . | sort
