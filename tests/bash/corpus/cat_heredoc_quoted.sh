x=1
cat <<'EOF'
literal $x $(echo no)
EOF
