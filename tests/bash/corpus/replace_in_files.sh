grep -rl TODO src | sort | xargs sed -i 's/TODO/DONE/'; grep -rn DONE src | sort
