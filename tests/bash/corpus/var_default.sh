unset a; echo "${a:-def}" "${a-def2}"; a=; echo "[${a:-empty}]" "[${a-set}]"
