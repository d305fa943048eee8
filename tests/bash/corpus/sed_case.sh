echo 'make it loud' | sed 's/\w\+/\U&/g'
