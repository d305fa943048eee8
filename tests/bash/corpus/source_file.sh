printf 'SOURCED=yes\nhelper() { echo helped; }\n' > lib.sh; . ./lib.sh; echo $SOURCED; helper
