printf 'one two\nthree\n' | wc
