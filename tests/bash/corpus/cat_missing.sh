cat nothere; echo "rc=$?"
