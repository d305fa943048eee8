cat <<EOF
files: $(ls src | wc -l)
EOF
