grep apple data; echo "rc=$?"
