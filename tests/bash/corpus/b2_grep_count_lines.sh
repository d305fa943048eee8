grep -c '' docs/README.md
