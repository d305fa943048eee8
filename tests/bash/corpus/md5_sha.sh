md5sum data/words.txt; sha256sum data/numbers.txt; echo -n abc | md5sum
