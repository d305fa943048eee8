x=; [[ -n $x ]] || echo unset-or-empty
