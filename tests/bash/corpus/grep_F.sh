printf 'a.b\naxb\na*b\n' | grep -F 'a.b'
