x=5; (( x > 3 )) && echo big; (( x > 10 )) || echo not-huge
