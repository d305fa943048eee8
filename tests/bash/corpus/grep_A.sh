grep -A 2 '## Build' docs/README.md
