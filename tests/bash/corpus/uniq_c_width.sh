printf 'x\nx\nx\ny\n' | uniq -c
