log() { echo "log: $*"; } ; log hi > f.txt; cat f.txt
