awk '/^## Build/,/^## Notes/' docs/README.md
