printf 'b:2\na:3\nc:1\n' | sort -t: -k2,2n
