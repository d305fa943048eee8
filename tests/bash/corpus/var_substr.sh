s=abcdefgh; echo "${s:2:3}" "${s:5}" "${s: -2}"
