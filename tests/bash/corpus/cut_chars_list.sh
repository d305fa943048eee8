echo abcdefgh | cut -c1,3,5-6
