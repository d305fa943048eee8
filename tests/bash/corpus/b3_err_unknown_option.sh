ls --bogus; echo "rc=$?"; grep --bogus x y; echo "rc=$?"
