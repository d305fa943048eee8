echo "${z:=zed}"; echo "$z"
