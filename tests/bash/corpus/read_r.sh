printf 'a\\tb\n' | { read -r line; echo "$line"; }
