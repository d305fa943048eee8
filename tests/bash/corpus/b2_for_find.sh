for f in $(find src -name '*.c' | sort); do echo "$f: $(wc -l < $f)"; done
