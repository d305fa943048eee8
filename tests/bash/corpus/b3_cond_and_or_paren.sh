a=1; [[ ( $a -eq 1 || $a -eq 2 ) && -d src ]] && echo yes
