echo 'john smith' | sed 's/\(\w*\) \(\w*\)/\2, \1/'
