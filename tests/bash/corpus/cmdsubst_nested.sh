echo "$(echo "$(echo inner)")"
