sed -n '/a/!p' data/words.txt
