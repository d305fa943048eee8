cat -n docs/README.md | tail -3
