printf 'aaa\nb\nab\n' | grep 'a\+b'
