printf 'a:b\nnodelim\n' | cut -d: -f2; printf 'a:b\nnodelim\n' | cut -s -d: -f2
