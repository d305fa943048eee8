env GREETING=hey bash -c 'echo $GREETING'
