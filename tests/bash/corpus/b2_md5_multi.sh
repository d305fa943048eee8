md5sum data/words.txt data/table.txt
