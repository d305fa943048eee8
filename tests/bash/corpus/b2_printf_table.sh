printf '%-10s %5d\n' alpha 1 beta 22 gamma 333
