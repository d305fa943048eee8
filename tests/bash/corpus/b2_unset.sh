v=1; unset v; echo "[${v-unset}]"; f() { :; }; unset -f f; type f >/dev/null 2>&1 || echo nofunc
