grep -n -A1 'note' docs/README.md
