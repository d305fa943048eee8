cd Makefile; echo "rc=$?"
