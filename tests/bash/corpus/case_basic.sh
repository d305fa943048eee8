for f in a.c b.py c.txt d; do case $f in *.c) echo C;; *.py|*.sh) echo script;; *.txt) echo text;; *) echo other;; esac; done
