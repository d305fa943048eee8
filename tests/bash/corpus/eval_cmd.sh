cmd='echo evaluated'; eval "$cmd"; eval 'x=5'; echo $x
