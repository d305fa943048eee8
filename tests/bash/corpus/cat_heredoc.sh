cat <<EOF
value: $((6*7))
home-less: ${NOPE:-default}
EOF
