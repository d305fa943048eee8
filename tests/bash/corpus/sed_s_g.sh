echo 'a-b-c-d' | sed 's/-/+/g'
