find docs -type f -exec cat {} + | wc -l
