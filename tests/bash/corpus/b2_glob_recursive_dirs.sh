echo */; echo */*.c
