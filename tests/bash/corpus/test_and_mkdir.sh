[ -d out ] || mkdir out; [ -d out ] && echo made; ls -d out
