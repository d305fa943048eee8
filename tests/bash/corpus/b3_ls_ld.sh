ls -ld src data | cut -c1
