IFS=,; set -- $(echo 'a,b,c'); echo $#; IFS=' '; echo "$2"
