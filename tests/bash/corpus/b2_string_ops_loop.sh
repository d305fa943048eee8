for f in src/*.c; do b=${f##*/}; echo "${b%.c}"; done
