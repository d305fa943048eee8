echo `echo back`tick
