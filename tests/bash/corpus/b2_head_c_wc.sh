head -c 100 docs/README.md | wc -c
