bash -c 'echo in-child $0 $1' zero one; sh -c 'exit 3'; echo $?
