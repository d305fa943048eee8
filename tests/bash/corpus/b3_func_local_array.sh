f() { local -a xs=(1 2 3); echo ${#xs[@]}; }; f
