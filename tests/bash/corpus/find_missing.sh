find nothere; echo "rc=$?"
