(cd src && false); echo $?; (cd src && true); echo $?
