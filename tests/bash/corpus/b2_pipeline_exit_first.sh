grep nothing data/words.txt | wc -l; echo ${PIPESTATUS:-none} >/dev/null; echo ok
