for f in src/*.c; do echo "file: $f"; done
