a=abc; [ "$a" = abc ] && echo eq; [ -n "$a" ] && echo nonempty; [ -z "" ] && echo zero; [ "$a" != x ] && echo ne
