printf 'a\nb\nc\n' > x1; printf 'a\nB\nc\nd\n' > x2; diff x1 x2; echo "rc=$?"
