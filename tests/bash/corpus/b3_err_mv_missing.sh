mv nothere there; echo "rc=$?"
