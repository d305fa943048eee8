sed -n '/apple/{s/apple/APPLE/;p}' data/words.txt
