echo "$(echo abc | tr a-c x-z | rev)"
