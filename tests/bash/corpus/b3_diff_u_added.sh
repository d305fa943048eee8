printf 'a\nb\n' > d1; printf 'a\nb\nc\n' > d2; diff -u d1 d2 | tail -n +3
