printf 'abc\n' > c1; printf 'abd\n' > c2; cmp c1 c2; echo "rc=$?"
