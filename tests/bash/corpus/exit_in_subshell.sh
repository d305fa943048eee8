(exit 4); echo "sub=$?"
