echo -ne 'x\ty\n'; echo -- -n; echo -n -e 'z\n'
