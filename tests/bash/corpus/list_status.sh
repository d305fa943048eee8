false; echo $?; true; echo $?; ! false; echo $?
