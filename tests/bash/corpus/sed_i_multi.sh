sed -i -e 's/add/plus/' -e 's/mul/times/' src/util.h src/util.c; cat src/util.h
