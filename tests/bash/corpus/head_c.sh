head -c 10 docs/README.md; echo
