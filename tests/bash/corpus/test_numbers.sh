[ 3 -gt 2 ] && echo gt; [ 2 -le 2 ] && echo le; test 5 -eq 5 && echo eq
