echo 'abc-123_x!' | tr -cd 'a-z\n'
