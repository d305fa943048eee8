cp src elsewhere; echo "rc=$?"
