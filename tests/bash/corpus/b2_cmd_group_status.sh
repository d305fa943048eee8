{ false; true; }; echo $?; ( false ); echo $?
