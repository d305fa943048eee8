find . -iname 'readme*'
