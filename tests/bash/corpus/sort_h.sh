printf '10K\n2M\n512\n1G\n' | sort -h
