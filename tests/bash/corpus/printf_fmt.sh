printf '%s=%d\n' a 1 b 2; printf '%5s|%-5s|\n' ab cd; printf '%05.2f\n' 3.14159
