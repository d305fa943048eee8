rm nothere; echo "rc=$?"; rm -f nothere; echo "rc=$?"
