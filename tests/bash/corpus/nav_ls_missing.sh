ls nothere; echo "rc=$?"
