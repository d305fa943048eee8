sed -i 's/zzz/yyy/' data/words.txt; md5sum data/words.txt
