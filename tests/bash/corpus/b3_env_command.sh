env X=1 Y=2 bash -c 'echo $X$Y'
