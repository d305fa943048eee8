find . -iname '*.MD'
