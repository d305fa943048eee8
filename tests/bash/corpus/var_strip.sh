f=src/lib/helper.py; echo "${f##*/}" "${f%/*}" "${f%.py}" "${f#*/}"
