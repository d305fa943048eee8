grep -B 1 'second' docs/README.md
