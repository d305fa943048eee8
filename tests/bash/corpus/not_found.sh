nosuchcommand arg; echo "rc=$?"
