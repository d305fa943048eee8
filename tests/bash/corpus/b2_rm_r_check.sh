rm -r docs && [ ! -d docs ] && echo removed
