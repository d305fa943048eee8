sed -n '/## Build/,/## Notes/p' docs/README.md
