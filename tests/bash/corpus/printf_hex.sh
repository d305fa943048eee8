printf '%x %o %X %c\n' 255 8 255 hello
