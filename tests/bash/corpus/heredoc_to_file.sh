cat > notes.txt <<EOF
first
second
EOF
wc -l notes.txt
