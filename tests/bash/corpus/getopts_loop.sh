set -- -a -b val rest; while getopts ab: opt; do echo "opt=$opt arg=${OPTARG:-}"; done; shift $((OPTIND-1)); echo "rest=$1"
