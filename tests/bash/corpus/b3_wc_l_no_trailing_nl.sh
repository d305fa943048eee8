printf 'a\nb' | wc -l
