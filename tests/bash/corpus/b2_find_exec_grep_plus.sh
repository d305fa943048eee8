find . -type f -name "*.txt" -exec grep -l "file" {} + | sort
