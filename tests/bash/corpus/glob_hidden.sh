echo .h*; echo *
