echo 'a1b2c3' | tr -d 0-9
