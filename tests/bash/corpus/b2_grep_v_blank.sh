grep -v '^\s*$' docs/README.md | wc -l
