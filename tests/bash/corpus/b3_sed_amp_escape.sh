echo 'a&b' | sed 's/&/and/'; echo path | sed 's|path|/usr/bin|'
