cat <<EOF | grep b
abc
xyz
bcd
EOF
