wc -w docs/README.md
