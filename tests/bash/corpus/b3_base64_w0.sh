echo 'a longer line of text that will be encoded into base64 for the test' | base64 -w 0; echo
