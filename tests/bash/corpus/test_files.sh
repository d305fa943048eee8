[ -d src ] && echo dir; [ -e nothere ] || echo missing; [ -s data/empty.txt ] || echo empty; [ -x scripts/build.sh ] && echo exec
