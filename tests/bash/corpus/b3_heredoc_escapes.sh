cat <<EOF
dollar \$x backslash \\ tick \`
EOF
