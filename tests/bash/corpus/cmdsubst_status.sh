x=$(false); echo $?; y=$(true); echo $?
