echo -n no-newline; echo; echo -e 'a\tb'; echo -e 'x\ny'
