x=zz; case $x in a*) echo a;; esac; echo done
