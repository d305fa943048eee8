bash scripts/build.sh release
