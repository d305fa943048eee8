ln -s data/words.txt wl; head -1 wl; [ -L wl ] && echo link
