for w in apple Banana 42 x.y; do case $w in [A-Z]*) echo upper;; [0-9]*) echo num;; *.*) echo dot;; a*) echo a-word;; esac; done
