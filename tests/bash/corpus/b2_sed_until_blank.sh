sed -n '1,/^$/p' docs/README.md
