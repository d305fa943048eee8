sed '/^$/d' docs/README.md | wc -l
