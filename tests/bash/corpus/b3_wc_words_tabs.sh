printf 'a\tb  c\n\nd\n' | wc -w
