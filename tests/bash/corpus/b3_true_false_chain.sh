true && false || echo recovered; echo $?
