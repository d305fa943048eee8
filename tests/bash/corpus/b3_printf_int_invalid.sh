printf '%d\n' abc; echo "rc=$?"
